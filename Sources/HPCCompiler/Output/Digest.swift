import Crypto

/// SHA-256 digests as lowercase hex.
@_spi(Tools) public enum Digest {
    /// The SHA-256 of `bytes`.
    @_spi(Tools) public static func sha256(_ bytes: [UInt8]) -> String {
        hex(Array(SHA256.hash(data: bytes)))
    }

    /// The SHA-256 of `text`'s UTF-8 bytes.
    @_spi(Tools) public static func sha256(_ text: String) -> String {
        sha256(Array(text.utf8))
    }

    /// Lowercase hex of `bytes`.
    @_spi(Tools) public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".unicodeScalars)
        var out = String.UnicodeScalarView()
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(out)
    }
}
