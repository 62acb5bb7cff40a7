/// A pubsub topic module's resource.
enum MessagingResources {
    static func emit(_ topic: PubSubTopic, into document: inout TerraformDocument) {
        document.resource("google_pubsub_topic", topic.origin.module.rawValue, [
            "name": .string(HCL.escapeTemplate(topic.name)),
            "project": .string(topic.project),
            "labels": .stringMap(topic.origin.labels),
        ])
    }
}
