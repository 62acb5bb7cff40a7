/// A file or folder the blueprint copies into its deployment folder with `ghpc_stage(PATH)`, as
/// the Cluster Toolkit does: PATH is relative to the blueprint's folder, and the call's value is
/// where the copy is, relative to a group's folder (where Terraform runs), so a setting can hand
/// it to Terraform or to a runner's `source`.
struct StagedFile: Sendable, Hashable {
    /// The folder of the deployment that holds every staged copy.
    static let folder = "staged"

    /// PATH as the blueprint gives it.
    var source: String
    /// The copy's path in the deployment folder: `staged/<name>_<hash of PATH>`, so that two
    /// files of one name stay apart and the same PATH always lands in the same place.
    var destination: String
    /// The call.
    var location: SourceLocation

    /// The staging of `source` by the call at `location`.
    init(_ source: String, at location: SourceLocation) {
        self.source = source
        self.location = location
        let name = source.split(separator: "/").last { $0 != "." && $0 != ".." }.map(String.init) ?? "file"
        destination = "\(Self.folder)/\(name)_\(Digest.sha256(source).prefix(10))"
    }

    /// The call's value: the copy's path from a group's folder.
    var value: String { "../" + destination }
}
