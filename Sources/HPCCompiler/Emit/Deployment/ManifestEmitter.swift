/// `hpcc-manifest.json`: the tool version, the blueprint's SHA-256, and every other file of the
/// deployment folder with its SHA-256 and size.
enum ManifestEmitter {
    static let path = "hpcc-manifest.json"

    static func emit(files: [OutputFile], source: SourceFile, deployment: Deployment, toolVersion: String) -> OutputFile
    {
        let blueprintFile = source.name.split(separator: "/").last.map(String.init) ?? source.name
        let manifest: JSON = [
            "tool": ["name": "hpcc", "version": .string(toolVersion)],
            "blueprint": [
                "file": .string(blueprintFile),
                "name": .string(deployment.blueprintName),
                "sha256": .string(Digest.sha256(Array(source.text.utf8))),
            ],
            "deployment": .string(deployment.name),
            "files": .array(
                files.sorted { $0.path < $1.path }.map { file in
                    [
                        "path": .string(file.path),
                        "sha256": .string(Digest.sha256(file.contents)),
                        "bytes": .int(file.contents.count),
                        "executable": .bool(file.executable),
                    ]
                }),
        ]
        return OutputFile(path: path, text: JSONWriter.render(manifest))
    }
}
