// PLACEHOLDER until the ParallelCluster update policies land (issue 24 work in progress): finds nothing.
enum ParallelClusterChanges {
    static func compare(file: String, old: String, new: String) -> [ParallelClusterChange] { [] }
}
