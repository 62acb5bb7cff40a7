/// A Pub/Sub topic.
@_spi(Tools) public struct PubSubTopic: Hashable, Sendable {
    /// The pubsub module's origin.
    @_spi(Tools) public var origin: Origin
    /// Project that holds the topic.
    @_spi(Tools) public var project: String
    /// The topic's name.
    @_spi(Tools) public var name: String

    /// `projects/P/topics/N`.
    @_spi(Tools) public var id: String { "projects/\(project)/topics/\(name)" }
}
