/// An EC2 instance type as DescribeInstanceTypes describes it, cut down to what hpcc's rules read.
public struct AWSInstanceType: Hashable, Sendable {
    /// Name (`hpc7a.96xlarge`).
    public var name: String
    /// Default vCPUs (hardware threads).
    public var vCPUs: Int
    /// Memory in MiB.
    public var memoryMiB: Int
    /// Whether an Elastic Fabric Adapter can be attached.
    public var efaSupported: Bool
    /// Processor architectures as AWS names them (`x86_64`, `arm64`; also `i386`, `x86_64_mac`, `arm64_mac`).
    public var architectures: [String]
    /// Built-in GPUs; 0 when none.
    public var gpus: Int
}

/// hpcc's offline catalog of EC2 instance types: every type in moto's recorded
/// DescribeInstanceTypes answers, from the generated table in `AWSInstanceTypes.swift`.
public enum AWSInstanceCatalog {
    /// Each line of `table` by its name, found on first use (`static let` makes that happen once,
    /// thread-safely); a line is parsed only when its type is asked for, which keeps a small
    /// compilation from paying for all 1,395.
    private static let lines = KeyedLines(table)

    /// The instance type named `name`.
    public static func instanceType(_ name: String) -> AWSInstanceType? {
        lines[name].flatMap(instanceType(line:))
    }

    /// Every name, sorted.
    public static var names: [String] { lines.keys }

    /// One table line (`name vCPUs memoryMiB yes|no arch[,arch] gpus`); nil when it does not read
    /// that way, so a bad line drops one type instead of crashing (a test checks none is dropped).
    static func instanceType(line: Substring) -> AWSInstanceType? {
        let columns = line.split(separator: " ")
        guard columns.count == 6,
            let vCPUs = Int(columns[1]), let memoryMiB = Int(columns[2]), let gpus = Int(columns[5]),
            columns[3] == "yes" || columns[3] == "no"
        else { return nil }
        return AWSInstanceType(
            name: String(columns[0]), vCPUs: vCPUs, memoryMiB: memoryMiB, efaSupported: columns[3] == "yes",
            architectures: columns[4].split(separator: ",").map(String.init), gpus: gpus
        )
    }
}
