/// `spack/<setup module>/modules.yaml`: Spack's site `modules.yaml`, which makes it write a
/// module file for every package it installs, so `module avail` on the nodes lists them
/// (Spack's setup-env.sh puts the module folder on `MODULEPATH`).
enum SpackModulesDocument {
    /// Where the deployment folder keeps it.
    static func path(_ installation: ToolInstallation) -> String {
        "spack/\(installation.origin.module.rawValue)/modules.yaml"
    }

    /// The document: one module system enabled, files named `name/version-compiler-version`
    /// without hashes, and a package's direct dependencies loaded with it.
    static func text(_ system: SpackModuleSystem) -> String {
        YAMLWriter.render(
            .object([
                (
                    "modules",
                    .object([
                        (
                            "default",
                            .object([
                                ("enable", .list([.string(system.rawValue)])),
                                (
                                    system.rawValue,
                                    .object([
                                        ("hash_length", .int(0)),
                                        ("all", .object([("autoload", .string("direct"))])),
                                        (
                                            "projections",
                                            .object([
                                                ("all", .string("{name}/{version}-{compiler.name}-{compiler.version}"))
                                            ])
                                        ),
                                    ])
                                ),
                            ])
                        )
                    ])
                )
            ]))
    }
}
