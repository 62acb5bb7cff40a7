/// `community/modules/pubsub/topic`: one module, whole.
enum PubSubTopicModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s.
    enum Key {
        static let topicID = SettingKey<String>("topic_id")
    }

    static let schema = ModuleSchema(
        source: "community/modules/pubsub/topic", cloud: .gcp,
        summary: "Pub/Sub topic (cluster command and control)",
        description: """
            Creates a Pub/Sub topic, the channel a front end such as the HPC Toolkit FrontEnd uses to send \
            commands to a cluster and hear back from it.
            """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.labels,
            SettingSpec(Key.topicID, .string, "Name of the topic; null means `<deployment_name>_topic`."),
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
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let deployment = settings.read(CommonKey.deploymentName, diagnostics: &diagnostics)
        else { return nil }
        let name = settings.read(Key.topicID, diagnostics: &diagnostics) ?? "\(deployment)_topic"
        if let problem = problem(name) {
            diagnostics.report(
                .invalidName, "Pub/Sub topic name '\(name)' \(problem)",
                at: settings.location(settings.isExplicit(Key.topicID) ? Key.topicID : CommonKey.deploymentName),
                help:
                    """
                    a topic name has 3-255 characters, starts with a letter, holds letters, digits and - _ . ~ + %, \
                    and does not start with 'goog'
                    """
            )
            return nil
        }
        let topic = PubSubTopic(origin: settings.origin(diagnostics: &diagnostics), project: project, name: name)
        settings.context.deployment.topics.append(topic)
        settings.context.knownOutputs[settings.id] = [
            Output.topicID.rawValue: .string(topic.id), Output.topicName.rawValue: .string(name),
        ]
        return topic
    }

    /// What is wrong with a topic name, if anything.
    static func problem(_ name: String) -> String? {
        guard (3...255).contains(name.count) else { return "has \(name.count) characters" }
        guard let first = name.unicodeScalars.first, NameRules.isLetter(first) else {
            return "does not start with a letter"
        }
        guard !name.lowercased().hasPrefix("goog") else { return "starts with 'goog', which Google reserves" }
        let allowed: Set<Unicode.Scalar> = ["-", "_", ".", "~", "+", "%"]
        if let bad = name.unicodeScalars.first(where: {
            !(NameRules.isLetter($0) || NameRules.isDigit($0) || allowed.contains($0))
        }) {
            return "holds '\(bad)'"
        }
        return nil
    }

    static func emit(_ entity: PubSubTopic, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in MessagingResources.emit(entity, into: &document)
        }
    }

    static func value(of output: Output, entity: PubSubTopic, module: ModuleID, path: [Accessor]) -> OutputValue {
        let topic = MessagingResources.topic(module)
        return switch output {
        case .topicID: .expression(topic.attribute("id") + HCL.access(path))
        case .topicName: .expression(topic.attribute("name") + HCL.access(path))
        }
    }
}
