/// One file `ghpc_stage()` puts in the deployment folder.
@_spi(Tools) public struct StagedCopy: Hashable, Sendable {
    /// Its path in the deployment folder (`staged/<name>_<hash>[/<path in the folder>]`).
    @_spi(Tools) public var path: String
    /// Its text.
    @_spi(Tools) public var text: String
}
