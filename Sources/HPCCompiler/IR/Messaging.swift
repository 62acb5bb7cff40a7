/// A Pub/Sub topic.
public struct PubSubTopic: Hashable, Sendable {
    public var origin: Origin
    public var project: String
    public var name: String

    /// `projects/P/topics/N`.
    public var id: String { "projects/\(project)/topics/\(name)" }
}
