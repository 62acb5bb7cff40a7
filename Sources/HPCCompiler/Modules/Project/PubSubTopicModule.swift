/// `community/modules/pubsub/topic`: one module, whole.
enum PubSubTopicModule: BuiltInModule {
    static let schema = ModuleSchema(
        source: "community/modules/pubsub/topic", cloud: .gcp,
        summary: "Pub/Sub topic (cluster command and control)",
        description: """
        Creates a Pub/Sub topic, the channel a front end such as the HPC Toolkit FrontEnd uses to send \
        commands to a cluster and hear back from it.
        """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.labels,
            SettingSpec("topic_id", .string, "Name of the topic; null means `<deployment_name>_topic`."),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case topicID = "topic_id"
        case topicName = "topic_name"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .topicID: (.string, "Id of the topic (`projects/P/topics/N`).")
            case .topicName: (.string, "Name of the topic.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.topicID]

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> PubSubTopic? {
        PubSubTopicLowering.lower(settings, diagnostics: &diagnostics)
    }

    static func emit(_ entity: PubSubTopic, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in MessagingResources.emit(entity, into: &document) }
    }

    static func value(of output: Output, entity: PubSubTopic, module: ModuleID, path: [Accessor]) -> OutputValue {
        let topic = "google_pubsub_topic.\(module.rawValue)"
        return switch output {
        case .topicID: .expression("\(topic).id" + HCL.access(path))
        case .topicName: .expression("\(topic).name" + HCL.access(path))
        }
    }
}
