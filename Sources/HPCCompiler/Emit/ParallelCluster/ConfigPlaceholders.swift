/// Stand-ins for values the deployment creates (subnet, security group and file system ids, the
/// database endpoint and secret): well formed for their field, so the written config passes
/// ParallelCluster's schema on its own, and unique, so Terraform can swap each for the real value.
/// Every token holds `hpcc` and a 13-digit serial: 17 characters, the length of an AWS id.
struct ConfigPlaceholders {
    /// What field a value fills, which decides the shape of its stand-in.
    enum Shape {
        case subnet
        case securityGroup
        case fileSystem
        case secretARN(region: String)
        case endpoint
        case name
    }

    /// Every stand-in, in the order it was first used, with the value it stands for.
    private(set) var entries: [(token: String, text: TerraformText)] = []

    /// The value as the config holds it: the text when known at compile time, else its stand-in.
    mutating func value(_ text: TerraformText, _ shape: Shape) -> String {
        if let known = text.known { return known }
        if let entry = entries.first(where: { $0.text == text }) { return entry.token }
        let serial = String(entries.count + 1)
        let core = "hpcc" + String(repeating: "0", count: max(0, 13 - serial.count)) + serial
        let token =
            switch shape {
            case .subnet: "subnet-\(core)"
            case .securityGroup: "sg-\(core)"
            case .fileSystem: "fs-\(core)"
            case let .secretARN(region): "arn:aws:secretsmanager:\(region):000000000000:secret:\(core)"
            case .endpoint: "\(core).invalid:3306"
            case .name: core
            }
        entries.append((token, text))
        return token
    }

    /// Where a stand-in's real value comes from, for the config's header.
    static func describe(_ text: TerraformText) -> String {
        text.parts.map { part in
            switch part {
            case let .literal(literal): literal
            case let .reference(reference):
                "output '\(reference.output)\(reference.path.map(\.text).joined())' of module '\(reference.module)'"
            case let .raw(raw): "((\(raw)))"
            }
        }.joined()
    }
}
