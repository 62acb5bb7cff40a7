/// Sizes and clocks as HPCStats writes them.
enum HardwareUnits {
    /// `24GB` → 24576 (MB, GB, TB; 1024-based, as HPCStats reads them); nil when malformed.
    static func mebibytes(_ text: String) -> Int? {
        let units = ["MB": 1, "GB": 1024, "TB": 1024 * 1024]
        for (unit, factor) in units where text.hasSuffix(unit) {
            guard let number = decimal(text.dropLast(unit.count)), number > 0 else { return nil }
            let value = number * Double(factor)
            return value == value.rounded() && value < 1e12 ? Int(value) : nil
        }
        return nil
    }

    /// `2.93GHz` → 2.93e9, `2930MHz` → 2.93e9; nil when malformed.
    static func hertz(_ text: String) -> Double? {
        for (unit, factor) in [("GHz", 1e9), ("MHz", 1e6)] where text.hasSuffix(unit) {
            guard let number = decimal(text.dropLast(unit.count)), number > 0, number < 1e5 else { return nil }
            return number * factor
        }
        return nil
    }

    /// Digits with at most one '.', as HPCStats writes figures (no sign, no exponent).
    private static func decimal(_ text: Substring) -> Double? {
        guard !text.isEmpty, text.filter({ $0 == "." }).count <= 1,
            text.allSatisfy({ $0 == "." || ($0.isASCII && $0.isNumber) })
        else { return nil }
        return Double(text)
    }
}
