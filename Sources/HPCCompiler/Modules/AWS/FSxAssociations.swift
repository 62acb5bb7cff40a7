/// The `data_repository_associations` of an FSx for Lustre module, checked against what FSx allows.
enum FSxAssociations {
    static func lower(
        _ settings: SettingReader, type: FSxDeploymentType, version: FSxLustreVersion, diagnostics: inout Diagnostics
    ) -> [FSxDataRepositoryAssociation] {
        let key = FSxLustreModule.Key.associations
        let entries = settings.read(defaulted: key, diagnostics: &diagnostics).list ?? []
        guard !entries.isEmpty else { return [] }
        let at = settings.location(key)
        guard type.supportsDataRepositoryAssociations(version: version) else {
            let reason = type == .scratch1 ? "SCRATCH_1 file systems" : "Lustre \(version.rawValue)"
            diagnostics.report(
                .dataRepositoryAssociation, "FSx for Lustre has no data repository associations on \(reason)", at: at,
                help: "use SCRATCH_2 or a PERSISTENT deployment type with Lustre 2.12 or later")
            return []
        }
        var associations: [FSxDataRepositoryAssociation] = []
        for (index, entry) in entries.enumerated() {
            guard let fields = entry.map, let path = fields["file_system_path"]?.string,
                let repository = fields["data_repository_path"]?.string
            else { continue }
            let association = FSxDataRepositoryAssociation(
                fileSystemPath: path, repositoryPath: repository,
                importEvents: fields["auto_import_events"]?.list?.compactMap(\.string) ?? [],
                exportEvents: fields["auto_export_events"]?.list?.compactMap(\.string) ?? [],
                batchImportOnCreate: fields["batch_import_meta_data_on_create"]?.bool ?? false
            )
            let at = { (path: [Accessor]) in settings.location(key, [.index(index)] + path) }
            if check(association, against: associations, settings: settings, at: at, diagnostics: &diagnostics) {
                associations.append(association)
            }
        }
        return associations
    }

    /// One association's paths and events, and that neither path repeats an earlier association's;
    /// each problem is reported at the field that has it (`at` gives its position).
    private static func check(
        _ association: FSxDataRepositoryAssociation, against earlier: [FSxDataRepositoryAssociation],
        settings: SettingReader,
        at: ([Accessor]) -> SourceLocation, diagnostics: inout Diagnostics
    ) -> Bool {
        var problems: [(path: [Accessor], message: String, help: String?)] = []
        if !Pattern.matches(association.fileSystemPath, "/[^\\s]{0,4095}") {
            problems.append(
                (
                    [.key("file_system_path")],
                    "file_system_path '\(association.fileSystemPath)' is not an absolute path", "e.g. /scratch"
                ))
        }
        if !Pattern.matches(association.repositoryPath, "s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^\\s]*)?") {
            problems.append(
                (
                    [.key("data_repository_path")],
                    "data_repository_path '\(association.repositoryPath)' is not an S3 bucket or prefix",
                    "write s3://bucket or s3://bucket/prefix/"
                ))
        }
        for (field, events) in [
            ("auto_import_events", association.importEvents), ("auto_export_events", association.exportEvents),
        ] {
            for (position, event) in events.enumerated() where !FSxDataRepository.events.contains(event) {
                problems.append(
                    (
                        [.key(field), .index(position)], "\(field) names '\(event)'",
                        "events are \(FSxDataRepository.events.joined(separator: ", "))"
                    ))
            }
            if Set(events).count != events.count {
                problems.append(([.key(field)], "\(field) names an event twice", nil))
            }
        }
        if earlier.contains(where: { $0.fileSystemPath == association.fileSystemPath }) {
            problems.append(
                (
                    [.key("file_system_path")], "file_system_path '\(association.fileSystemPath)' is linked twice",
                    "each directory links to one repository"
                ))
        }
        if earlier.contains(where: { $0.repositoryPath == association.repositoryPath }) {
            problems.append(
                (
                    [.key("data_repository_path")],
                    "data_repository_path '\(association.repositoryPath)' is linked twice",
                    "each S3 prefix links to one directory"
                ))
        }
        for problem in problems {
            diagnostics.report(
                .dataRepositoryAssociation,
                "data repository association of module '\(settings.id)': \(problem.message)", at: at(problem.path),
                help: problem.help)
        }
        return problems.isEmpty
    }
}
