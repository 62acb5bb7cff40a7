extension ModuleSchema {
    /// `community/modules/pubsub/topic`.
    static let pubsubTopic = ModuleSchema(
        source: "community/modules/pubsub/topic", kind: .pubsubTopic, cloud: .gcp,
        summary: "Pub/Sub topic (cluster command and control)",
        description: """
        Creates a Pub/Sub topic, the channel a front end such as the HPC Toolkit FrontEnd uses to send \
        commands to a cluster and hear back from it.
        """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.labels,
            SettingSpec("topic_id", .string, "Name of the topic; null means `<deployment_name>_topic`."),
        ],
        outputs: [
            OutputSpec("topic_id", .string, "Id of the topic (`projects/P/topics/N`)."),
            OutputSpec("topic_name", .string, "Name of the topic."),
        ],
        mustBeUsed: false
    )
}
