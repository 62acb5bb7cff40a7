/// `spack/<execute module>/<environment>/spack.yaml`: the environment as Spack reads it (its
/// `spack:` section with root specs, concretizer unification and view), also written to the
/// nodes for `spack env create`.
enum SpackEnvironmentDocument {
    /// Where the deployment folder keeps it.
    static func path(_ environment: SpackEnvironment) -> String { environment.deploymentFolder + "/spack.yaml" }

    /// The document.
    static func text(_ environment: SpackEnvironment) -> String {
        // `unify` is YAML's true or false, or the word when_possible.
        let unify: YAML =
            switch environment.unify {
            case "true": .bool(true)
            case "false": .bool(false)
            default: .string(environment.unify)
            }
        return YAMLWriter.render(
            .object([
                (
                    "spack",
                    .object([
                        ("specs", .list(environment.specs.map(YAML.string))),
                        ("view", .bool(environment.view)),
                        ("concretizer", .object([("unify", unify)])),
                    ])
                )
            ]), header: ["Spack environment '\(environment.name)' (written by hpcc)"])
    }
}
