/// `community/modules/pubsub/topic` → `PubSubTopic`.
enum PubSubTopicLowering {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> PubSubTopic? {
        let context = settings.context
        guard let project = settings.string("project_id", diagnostics: &diagnostics),
              let deployment = settings.string("deployment_name", diagnostics: &diagnostics)
        else { return nil }
        let name = settings.string("topic_id", diagnostics: &diagnostics) ?? "\(deployment)_topic"
        if let problem = problem(name) {
            diagnostics.report(.invalidName, "Pub/Sub topic name '\(name)' \(problem)",
                               at: settings.location(settings.isExplicit("topic_id") ? "topic_id" : "deployment_name"),
                               help: "a topic name has 3-255 characters, starts with a letter, holds letters, digits and - _ . ~ + %, and does not start with 'goog'")
            return nil
        }
        let topic = PubSubTopic(origin: settings.origin(diagnostics: &diagnostics), project: project, name: name)
        context.deployment.topics.append(topic)
        context.knownOutputs[settings.id] = ["topic_id": .string(topic.id), "topic_name": .string(name)]
        return topic
    }

    /// What is wrong with a topic name, if anything.
    static func problem(_ name: String) -> String? {
        guard (3...255).contains(name.count) else { return "has \(name.count) characters" }
        guard let first = name.unicodeScalars.first, NameRules.isLetter(first) else { return "does not start with a letter" }
        guard !name.lowercased().hasPrefix("goog") else { return "starts with 'goog', which Google reserves" }
        let allowed: Set<Unicode.Scalar> = ["-", "_", ".", "~", "+", "%"]
        if let bad = name.unicodeScalars.first(where: { !(NameRules.isLetter($0) || NameRules.isDigit($0) || allowed.contains($0)) }) {
            return "holds '\(bad)'"
        }
        return nil
    }
}
