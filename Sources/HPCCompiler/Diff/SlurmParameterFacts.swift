/// What changing one Slurm parameter takes, as the Slurm 22.05.8 man pages note it: a hand-kept copy of
/// `catalogs/slurm/parameter-changes.tsv` (SlurmChangesTests checks the two agree). A parameter not listed
/// takes what its file's man page says of the whole file (see `SlurmChanges.fileDefault`).
struct SlurmParameterFact: Hashable, Sendable {
    /// The file, `slurm.conf`, `gres.conf` or `slurmdbd.conf`.
    let file: String
    /// The parameter as the man page spells it.
    let parameter: String
    /// One option of a comma-separated parameter, when only that option needs more than the file's default.
    let option: String?
    let takes: SlurmChange.Takes
    let affectsRunningJobs: Bool
    /// The man page, the parameter and what it says, in hpcc's words.
    let reference: String

    /// Every listed parameter, in the table's order.
    static let all: [SlurmParameterFact] = [
        SlurmParameterFact(
            file: "gres.conf", parameter: "Cores", option: nil, takes: .restartSlurmctld, affectsRunningJobs: false,
            reference: "gres.conf(5) Cores: slurmctld must be restarted"),
        SlurmParameterFact(
            file: "gres.conf", parameter: "Type", option: nil, takes: .restartSlurmctld, affectsRunningJobs: false,
            reference: "gres.conf(5) Type: slurmctld and slurmd must be restarted"),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "AccountingStorageEnforce", option: nil, takes: .restartSlurmctld,
            affectsRunningJobs: false,
            reference: "slurm.conf(5) AccountingStorageEnforce: slurmctld must be restarted before a change applies"),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "AuthType", option: nil, takes: .restartSlurmctld, affectsRunningJobs: false,
            reference:
                "slurm.conf(5) AuthType: every daemon and command is stopped before the change and started again "
                + "after it"
        ),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "CoreSpecPlugin", option: nil, takes: .restartSlurmd,
            affectsRunningJobs: false,
            reference: "slurm.conf(5) CoreSpecPlugin: the slurmd daemons must be restarted"),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "CredType", option: nil, takes: .restartSlurmctld, affectsRunningJobs: false,
            reference: "slurm.conf(5) CredType: slurmctld must be restarted"),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "GresTypes", option: nil, takes: .restartSlurmctld,
            affectsRunningJobs: false,
            reference: "slurm.conf(5) GresTypes: slurmctld and the slurmd daemons must be restarted"),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "JobContainerType", option: nil, takes: .restartSlurmctld,
            affectsRunningJobs: false,
            reference: "slurm.conf(5) JobContainerType: slurmctld must be restarted"),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "MaxJobCount", option: nil, takes: .restartSlurmctld,
            affectsRunningJobs: false,
            reference: "slurm.conf(5) MaxJobCount: slurmctld must be restarted"),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "MaxNodeCount", option: nil, takes: .restartSlurmctld,
            affectsRunningJobs: false,
            reference: "slurm.conf(5) MaxNodeCount: slurmctld must be restarted"),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "PluginDir", option: nil, takes: .restartSlurmctld,
            affectsRunningJobs: false,
            reference: "slurm.conf(5) PluginDir: slurmctld and the slurmd daemons must be restarted"),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "PowerPlugin", option: nil, takes: .restartSlurmctld,
            affectsRunningJobs: false,
            reference: "slurm.conf(5) PowerPlugin: slurmctld must be restarted"),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "ProctrackType", option: nil, takes: .restartSlurmctld,
            affectsRunningJobs: false,
            reference: "slurm.conf(5) ProctrackType: slurmctld must be restarted"),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "SchedulerParameters", option: "no_backup_scheduling",
            takes: .restartSlurmctld, affectsRunningJobs: false,
            reference:
                "slurm.conf(5) SchedulerParameters, option no_backup_scheduling: slurmctld must be restarted (the "
                + "other options do not say so)"
        ),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "SchedulerType", option: nil, takes: .restartSlurmctld,
            affectsRunningJobs: false,
            reference: "slurm.conf(5) SchedulerType: slurmctld must be restarted"),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "SelectType", option: nil, takes: .restartSlurmctld,
            affectsRunningJobs: true,
            reference:
                "slurm.conf(5) SelectType: slurmctld and slurmd must be restarted, and running and pending jobs "
                + "are lost (each plugin saves job state its own way)"
        ),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "SelectTypeParameters", option: nil, takes: .restartSlurmctld,
            affectsRunningJobs: false,
            reference: "slurm.conf(5) SelectTypeParameters: slurmctld must be restarted"),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "SlurmctldHost", option: nil, takes: .restartSlurmctld,
            affectsRunningJobs: false,
            reference: "slurm.conf(5) SlurmctldHost: slurmctld must be restarted"),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "SlurmctldParameters", option: "enable_configless", takes: .restartSlurmctld,
            affectsRunningJobs: false,
            reference:
                "slurm.conf(5) SlurmctldParameters, option enable_configless: slurmctld must be restarted (the "
                + "other options do not say so)"
        ),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "SlurmctldPort", option: nil, takes: .restartSlurmctld,
            affectsRunningJobs: false,
            reference: "slurm.conf(5) SlurmctldPort: slurmctld must be restarted"),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "SlurmdPort", option: nil, takes: .restartSlurmctld,
            affectsRunningJobs: false,
            reference: "slurm.conf(5) SlurmdPort: slurmctld must be restarted"),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "StateSaveLocation", option: nil, takes: .restartSlurmctld,
            affectsRunningJobs: false,
            reference: "slurm.conf(5) StateSaveLocation: slurmctld must be restarted"),
        SlurmParameterFact(
            file: "slurm.conf", parameter: "SwitchType", option: nil, takes: .restartSlurmctld,
            affectsRunningJobs: true,
            reference:
                "slurm.conf(5) SwitchType: every daemon, command and running job must be restarted; with jobs "
                + "running, job records may be lost"
        ),
        SlurmParameterFact(
            file: "slurmdbd.conf", parameter: "AuthType", option: nil, takes: .restartSlurmdbd,
            affectsRunningJobs: false,
            reference: "slurmdbd.conf(5) AuthType: slurmdbd is stopped before the change and started after it"),
    ]
}
