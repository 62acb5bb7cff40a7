/// A pubsub topic module's resource.
enum MessagingResources {
    /// The topic of the pubsub-topic module `module`.
    static func topic(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_pubsub_topic", module.rawValue)
    }

    static func emit(_ topic: PubSubTopic, into document: inout TerraformDocument) {
        document.resource(
            Self.topic(topic.origin.module),
            [
                "name": .string(HCL.escapeTemplate(topic.name)),
                "project": .string(topic.project),
                "labels": .stringMap(topic.origin.labels),
            ])
    }
}
