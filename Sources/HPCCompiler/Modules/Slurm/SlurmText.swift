/// User text bound for slurm.conf (`node_conf`, `partition_conf`) must fit its syntax: slurm.conf
/// splits on whitespace and treats '#' as a comment, so such text is rejected, not mangled.
enum SlurmText {
    /// Whether `key=value` of `setting` can be written to slurm.conf; reports it at the setting when not.
    static func check<T>(
        key: String, value: String, setting: SettingKey<T>, settings: SettingReader, diagnostics: inout Diagnostics
    ) -> Bool {
        if !SlurmConfText.isRepresentable(key, isKey: true) {
            diagnostics.report(
                .unrepresentableValue, "\(setting.name) key '\(key)' cannot be written to slurm.conf",
                at: settings.location(setting), help: "slurm.conf keys are single words without '=', '#' or whitespace")
            return false
        }
        if !SlurmConfText.isRepresentable(value) {
            diagnostics.report(
                .unrepresentableValue, "\(setting.name) value '\(value)' for '\(key)' cannot be written to slurm.conf",
                at: settings.location(setting),
                help: "slurm.conf values cannot hold whitespace, '#' or control characters")
            return false
        }
        return true
    }
}
