/// A Pub/Sub topic.
public struct PubSubTopic: Hashable, Sendable {
    /// The pubsub module's origin.
    public var origin: Origin
    /// Project that holds the topic.
    public var project: String
    /// The topic's name.
    public var name: String

    /// `projects/P/topics/N`.
    public var id: String { "projects/\(project)/topics/\(name)" }
}
