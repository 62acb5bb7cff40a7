/// An IPv4 CIDR block, with Terraform's `cidrsubnet` arithmetic.
struct CIDR: Hashable, CustomStringConvertible {
    /// Network address as a 32-bit number.
    let address: UInt32
    /// Prefix length.
    let prefix: Int

    /// The range a network lowers with when its own is wrong (reported; never emitted).
    static let standIn = CIDR("10.0.0.0/8")!

    /// Parses `a.b.c.d/n`; the address must be the network address of the block.
    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), (0...32).contains(prefix) else { return nil }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var address: UInt32 = 0
        for octet in octets {
            guard let value = UInt32(octet), value <= 255, String(value) == octet else { return nil }
            address = address << 8 | value
        }
        guard address & ~Self.mask(prefix) == 0 else { return nil }
        self.address = address
        self.prefix = prefix
    }

    private init(address: UInt32, prefix: Int) {
        self.address = address
        self.prefix = prefix
    }

    static func mask(_ prefix: Int) -> UInt32 {
        prefix == 0 ? 0 : UInt32.max << (32 - prefix)
    }

    /// Number of addresses.
    var size: UInt64 { UInt64(1) << (32 - prefix) }

    /// Last address.
    var last: UInt32 { address | ~Self.mask(prefix) }

    /// Terraform's `cidrsubnet(self, newBits, number)`.
    func subnet(newBits: Int, number: Int) -> CIDR? {
        let prefix = self.prefix + newBits
        guard newBits >= 0, prefix <= 32, number >= 0, UInt64(number) < (UInt64(1) << newBits) else { return nil }
        return CIDR(address: address | UInt32(UInt64(number) << (32 - prefix)), prefix: prefix)
    }

    /// Terraform's `cidrsubnets(self, newBits...)`: consecutive blocks, each aligned to its own size.
    func subnets(newBits: [Int]) -> [CIDR]? {
        var next = UInt64(address)
        var result: [CIDR] = []
        for bits in newBits {
            let prefix = self.prefix + bits
            guard bits >= 1, prefix <= 32 else { return nil }
            let size = UInt64(1) << (32 - prefix)
            let start = (next + size - 1) / size * size
            guard start + size - 1 <= UInt64(last) else { return nil }
            result.append(CIDR(address: UInt32(start), prefix: prefix))
            next = start + size
        }
        return result
    }

    /// Whether two blocks share an address.
    func overlaps(_ other: CIDR) -> Bool {
        address <= other.last && other.address <= last
    }

    /// Whether `other` lies inside this block.
    func contains(_ other: CIDR) -> Bool {
        other.address >= address && other.last <= last
    }

    /// Address blocks that are not routed on the internet (RFC 1918 and the shared space of
    /// RFC 6598).
    static let privateBlocks = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].compactMap(CIDR.init)

    /// Whether the block opens a service to much of the internet: wider than a /8 and not inside
    /// a private block (0.0.0.0/0, and its halves written to get around a check for it).
    var isInternetWide: Bool {
        prefix < 8 && !Self.privateBlocks.contains { $0.contains(self) }
    }

    var description: String {
        "\(address >> 24).\(address >> 16 & 255).\(address >> 8 & 255).\(address & 255)/\(prefix)"
    }
}
