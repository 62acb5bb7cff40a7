/// What the catalog knows per region: which availability zones offer a type (moto's recorded
/// DescribeInstanceTypeOfferings, `AWSInstanceOfferings.swift`) and its on-demand price (the
/// pricing data apache-libcloud ships, `AWSInstancePrices.swift`). Both tables are parsed on
/// first use, a type's line only when that type is asked for.
///
/// There are no spot prices: no static public dataset of them was at hand, and the spot price
/// moves by the hour, so a spot cost is unpriced rather than guessed from a discount.
extension AWSInstanceCatalog {
    /// The day the on-demand prices were current, ISO 8601 (`2025-03-02`, UTC): the `updated` field
    /// of apache-libcloud's pricing data. AWS has changed prices since (GPU types above all).
    public static var priceDate: String { priceSourceDate }

    /// The regions the prices cover, sorted.
    @_spi(Tools) public static var pricedRegions: [String] { priceRegions.names }

    /// The on-demand Linux price of `type` in `region`, in USD per hour; nil when the data has no
    /// price for it (a type or region it lacks, or one libcloud could not read: never free).
    public static func onDemandUSDPerHour(_ type: String, in region: String) -> Double? {
        guard let column = priceRegions.index[region], let columns = prices.columns(type), column < columns.count
        else { return nil }
        return Double(columns[column])
    }

    /// The regions whose availability zones the offerings cover, sorted.
    @_spi(Tools) public static var offeringRegions: [String] { zoneRegions.names }

    /// The availability zones of `region` the offerings record (`eu-west-1a`, ...); nil for a
    /// region they do not cover.
    public static func zones(in region: String) -> [String]? {
        zoneLetters[region].map { letters in letters.map { "\(region)\($0)" } }
    }

    /// The availability zones of `region` that offer `type`, in order; nil when the offerings do not
    /// cover the region, empty when the region offers the type in none of its zones.
    public static func zones(offering type: String, in region: String) -> [String]? {
        guard let column = zoneRegions.index[region], let all = zoneLetters[region] else { return nil }
        guard let columns = offerings.columns(type), column < columns.count else { return [] }
        let offered = columns[column]
        let letters = offered == "*" ? all : offered == "-" ? [] : offered.map { $0 }
        return letters.map { "\(region)\($0)" }
    }

    private static let prices = KeyedLines(priceTable)
    private static let priceRegions = RegionColumns(priceRegionTable)
    private static let offerings = KeyedLines(zoneTable)
    private static let zoneRegions = RegionColumns(zoneRegionTable)
    /// Each covered region's zone letters (`eu-west-1` → `a`, `b`, `c`).
    private static let zoneLetters: [String: [Character]] = Dictionary(
        zoneRegionTable.split(separator: "\n").map { line in
            let columns = line.split(separator: " ")
            return (String(columns[0]), columns.count > 1 ? Array(columns[1]) : [])
        },
        uniquingKeysWith: { first, _ in first })
}

/// The regions of a table's columns, one a line (the first word of each), and the column of each.
private struct RegionColumns: Sendable {
    let names: [String]
    let index: [String: Int]

    init(_ table: String) {
        names = table.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
