// PLACEHOLDER until the Slurm classification lands (issue 24 work in progress): finds nothing.
enum SlurmChanges {
    static func compare(folder: String, old: [String: String], new: [String: String]) -> [SlurmChange] { [] }
}
