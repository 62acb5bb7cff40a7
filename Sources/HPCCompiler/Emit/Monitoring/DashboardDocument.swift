/// The Cloud Monitoring dashboard a dashboard module creates, in the API's JSON form: a grid of
/// two columns, a heading, then the base's charts and the blueprint's widgets.
enum DashboardDocument {
    /// One line chart of a metric over the deployment's instances.
    struct Chart {
        /// The chart's title.
        let title: String
        /// The metric type (`compute.googleapis.com/instance/cpu/utilization`).
        let metric: String
        /// How each instance's points are aligned to the period: a mean for gauges, a rate for counters.
        let aligner: String
        /// A further condition on the metric's labels, or nil.
        let metricLabel: (key: String, value: String)?
    }

    /// The `HPC` base's charts: what an HPC operator looks at first, one line per instance.
    static let hpcCharts: [Chart] = [
        Chart(
            title: "CPU utilization", metric: "compute.googleapis.com/instance/cpu/utilization",
            aligner: "ALIGN_MEAN", metricLabel: nil),
        Chart(
            title: "Memory used (Ops Agent)", metric: "agent.googleapis.com/memory/percent_used",
            aligner: "ALIGN_MEAN", metricLabel: ("state", "used")),
        Chart(
            title: "Disk read bytes", metric: "compute.googleapis.com/instance/disk/read_bytes_count",
            aligner: "ALIGN_RATE", metricLabel: nil),
        Chart(
            title: "Disk write bytes", metric: "compute.googleapis.com/instance/disk/write_bytes_count",
            aligner: "ALIGN_RATE", metricLabel: nil),
        Chart(
            title: "Network bytes received", metric: "compute.googleapis.com/instance/network/received_bytes_count",
            aligner: "ALIGN_RATE", metricLabel: nil),
        Chart(
            title: "Network bytes sent", metric: "compute.googleapis.com/instance/network/sent_bytes_count",
            aligner: "ALIGN_RATE", metricLabel: nil),
    ]

    /// How far apart the points of every chart are.
    static let alignmentPeriod = "60s"

    static func json(_ dashboard: MonitoringDashboard) -> JSON {
        let heading: JSON = [
            "title": .string(dashboard.title),
            "text": [
                "content": .string("Instances of the hpcc deployment `\(dashboard.deployment)`."),
                "format": "MARKDOWN",
            ],
        ]
        let charts =
            dashboard.base == .hpc ? hpcCharts.map { chart($0, deploymentLabel: dashboard.deploymentLabel) } : []
        return [
            "displayName": .string("\(dashboard.title) (\(dashboard.deployment))"),
            "labels": .stringMap(dashboard.origin.labels),
            "gridLayout": ["columns": 2, "widgets": .array([heading] + charts + dashboard.widgets)],
        ]
    }

    /// The Monitoring filter that selects `chart`'s metric on the deployment's instances.
    static func filter(_ chart: Chart, deploymentLabel: String) -> String {
        var terms = [
            "metric.type=\"\(chart.metric)\"", "resource.type=\"gce_instance\"",
            "metadata.user_labels.\"hpcc_deployment\"=\"\(deploymentLabel)\"",
        ]
        if let label = chart.metricLabel { terms.append("metric.label.\"\(label.key)\"=\"\(label.value)\"") }
        return terms.joined(separator: " ")
    }

    private static func chart(_ chart: Chart, deploymentLabel: String) -> JSON {
        [
            "title": .string(chart.title),
            "xyChart": [
                "dataSets": [
                    [
                        "plotType": "LINE",
                        "minAlignmentPeriod": .string(alignmentPeriod),
                        "timeSeriesQuery": [
                            "timeSeriesFilter": [
                                "filter": .string(filter(chart, deploymentLabel: deploymentLabel)),
                                "aggregation": [
                                    "alignmentPeriod": .string(alignmentPeriod),
                                    "perSeriesAligner": .string(chart.aligner),
                                ],
                            ]
                        ],
                    ]
                ],
                "yAxis": ["scale": "LINEAR"],
            ],
        ]
    }
}
