/// The controller's `slurm_conf_tpl`: a slurm.conf template in the Cluster Toolkit's form, whose
/// settings hpcc lays over the slurm.conf it compiles. The Toolkit's templates have two parts:
/// settings the user may change, then a section marked "DO NOT MODIFY" that the Toolkit fills
/// from placeholders (`{control_host}`); hpcc writes that second part itself from the blueprint,
/// so only the first part is read. A setting there that hpcc derives from the blueprint (where
/// the daemons run, listen, keep state and log, how they authenticate) must agree with hpcc's
/// value, or it is an error: hpcc cannot honour it.
enum SlurmConfTemplate {
    /// Keys hpcc derives from the blueprint and its own node layout.
    static let derivedKeys: Set<String> = [
        "clustername", "slurmctldhost", "controlmachine", "slurmuser", "authtype", "credtype", "authinfo",
        "authalttypes", "authaltparameters", "slurmctldport", "slurmdport", "statesavelocation", "slurmdspooldir",
        "slurmctldpidfile", "slurmdpidfile", "slurmctldlogfile", "slurmdlogfile", "accountingstoragetype",
        "accountingstoragehost", "accountingstorageport", "resumeprogram", "suspendprogram", "resumefailprogram",
        "include", "nodename", "partitionname", "nodeset",
    ]

    /// The settings of the Cluster Toolkit's own slurm.conf templates (the part a user may change),
    /// by file name, as in `community/modules/scheduler/schedmd-slurm-gcp-v6-controller/etc/` of
    /// GoogleCloudPlatform/cluster-toolkit at commit 1047080 (2026-06-25, Apache-2.0). A blueprint
    /// names them by their path in the Toolkit's deployment folder (`../_modules/embedded/...`) or
    /// stages the folder with `ghpc_stage()`; hpcc knows them without reading that folder.
    static let toolkitTemplates: [String: [(String, String)]] = [
        "long-prolog-slurm.conf.tpl": [
            ("ProctrackType", "proctrack/cgroup"), ("TaskPlugin", "task/affinity,task/cgroup"),
            ("MaxNodeCount", "64000"), ("SchedulerType", "sched/backfill"), ("SelectType", "select/cons_tres"),
            ("SelectTypeParameters", "CR_Core_Memory"), ("AccountingStoreFlags", "job_comment"),
            ("JobAcctGatherFrequency", "30"), ("JobAcctGatherType", "jobacct_gather/cgroup"),
            ("SlurmctldDebug", "info"), ("SlurmdDebug", "info"), ("DebugFlags", "Power"),
            ("MessageTimeout", "600"), ("BatchStartTimeout", "600"), ("PrologEpilogTimeout", "600"),
            ("PrologFlags", "Contain"),
        ],
        "htc-slurm.conf.tpl": [
            ("ProctrackType", "proctrack/cgroup"), ("TaskPlugin", "task/affinity,task/cgroup"),
            ("MaxArraySize", "10001"), ("MaxJobCount", "500000"), ("MaxNodeCount", "65536"), ("MinJobAge", "60"),
            ("SchedulerType", "sched/backfill"), ("SelectType", "select/cons_tres"),
            ("SelectTypeParameters", "CR_Core_Memory"), ("SlurmctldDebug", "error"), ("SlurmdDebug", "error"),
            ("MessageTimeout", "60"),
        ],
    ]

    /// The slurm.conf key each `cloud_parameters` field sets.
    static let cloudParameterKeys: [String: String] = [
        "scheduler_parameters": "SchedulerParameters", "private_data": "PrivateData", "resume_rate": "ResumeRate",
        "resume_timeout": "ResumeTimeout", "suspend_rate": "SuspendRate", "suspend_timeout": "SuspendTimeout",
        "slurmd_timeout": "SlurmdTimeout", "unkillable_step_timeout": "UnkillableStepTimeout",
        "topology_plugin": "TopologyPlugin", "topology_param": "TopologyParam", "tree_width": "TreeWidth",
        "prolog_flags": "PrologFlags", "switch_type": "SwitchType",
    ]

    /// hpcc's values of the derived keys that are fixed by its node layout: a template may repeat them.
    static let layoutValues: [String: String] = {
        let layout = SlurmPaths.daemons
        return [
            "slurmuser": layout.slurmUser, "slurmctldport": String(layout.slurmctldPort),
            "slurmdport": String(layout.slurmdPort), "statesavelocation": layout.stateSaveLocation,
            "slurmdspooldir": layout.slurmdSpoolDirectory,
            "slurmctldpidfile": "\(layout.pidDirectory)/slurmctld.pid",
            "slurmdpidfile": "\(layout.pidDirectory)/slurmd.pid",
            "slurmctldlogfile": "\(layout.logDirectory)/slurmctld.log",
            "slurmdlogfile": "\(layout.logDirectory)/slurmd-%n.log",
        ]
    }()

    /// The folder of the Toolkit's templates, as blueprints reach it.
    static let toolkitFolder = "schedmd-slurm-gcp-v6-controller/etc"

    /// Whether `path` names a file of the Toolkit's controller module (which hpcc knows as data).
    static func isToolkitFile(_ path: String) -> Bool {
        path.hasSuffix("/" + toolkitFolder) || path.contains("/" + toolkitFolder + "/")
    }

    /// The template at `path` as (key, value) settings in file order, or nil after reporting why not.
    static func settings(
        at path: String, files: BlueprintFiles, blueprint: String, report: (String, String?) -> Void
    ) -> [(String, String)]? {
        let path = files.unstaged(path)
        if isToolkitFile(path) {
            let name = String(path.split(separator: "/").last ?? "")
            guard let known = toolkitTemplates[name] else {
                report(
                    "'\(name)' is not one of the Cluster Toolkit's slurm.conf templates hpcc knows",
                    "use one of " + toolkitTemplates.keys.sorted().joined(separator: ", ")
                        + ", or a template file of your own beside the blueprint")
                return nil
            }
            return known
        }
        switch files.read(path, relativeTo: blueprint) {
        case let .success(text): return parse(text, report: report)
        case let .failure(refusal):
            report("the template " + refusal.reason(path, relativeTo: blueprint), refusal.help)
            return nil
        }
    }

    /// The `Key=Value` lines of a template's user part: comments, blank lines and everything from
    /// the "DO NOT MODIFY" marker on are left out; a line hpcc cannot read is reported.
    static func parse(_ text: String, report: (String, String?) -> Void) -> [(String, String)]? {
        var settings: [(String, String)] = []
        var failed = false
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.contains("DO NOT MODIFY SECTION BELOW") { break }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, SlurmConfText.isRepresentable(parts[0], isKey: true),
                SlurmConfText.isRepresentable(parts[1]), !parts[1].contains("{")
            else {
                report("line \(number + 1) of the template is not one Key=Value setting: '\(line)'", nil)
                failed = true
                continue
            }
            settings.append((parts[0], parts[1]))
        }
        return failed ? nil : settings
    }
}
