/// `--vars NAME=VALUE` arguments as variable declarations. Each value is parsed as YAML in a
/// pseudo-file named `--vars[N]`, so that its columns are known; before findings leave the
/// compiler, those in an argument are placed in the blueprint they belong to (at the variable's
/// declaration there, or at its `vars` key), with a note quoting the argument. So a finding
/// always names a real file, also in JSON and SARIF, and, validating several blueprints, says
/// which one it is about.
struct CommandLineVariables {
    /// The arguments as declarations (their locations are in the `--vars[N]` pseudo-files).
    private(set) var declarations: [VariableDeclaration] = []
    /// Each argument's pseudo-file name, argument text and variable name.
    private var arguments: [(file: String, text: String, name: String)] = []
    /// Where each variable's findings go in the blueprint.
    private var places: [String: SourceLocation] = [:]
    private var fallback = SourceLocation(file: "", line: 1, column: 1)

    /// How the pseudo-file of each argument is named: `--vars[N]`.
    private static let filePrefix = "--vars["

    /// Whether `file` is the pseudo-file of a `--vars` argument.
    static func isArgument(_ file: String) -> Bool { file.hasPrefix(filePrefix) }

    init(_ arguments: [String], diagnostics: inout Diagnostics) {
        for (number, argument) in arguments.enumerated() {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                diagnostics.report(.invalidOverride, "--vars takes NAME=VALUE, not '\(argument)'", at: nil)
                continue
            }
            let name = String(argument[..<equals])
            let file = "\(Self.filePrefix)\(number + 1)]"
            self.arguments.append((file, argument, name))
            // Pad the value so its columns are those of the whole argument.
            let padded = String(repeating: " ", count: name.count + 1) + argument[argument.index(after: equals)...]
            var local = Diagnostics()
            let value =
                YAMLReader().read(SourceFile(name: file, text: padded), into: &local)
                ?? .scalar("", .plain, tag: nil, SourceLocation(file: file, line: 1, column: name.count + 2))
            // An empty value (`--vars x=`) is null, not an empty-document error.
            for diagnostic in local.all where diagnostic.code != .emptyDocument { diagnostics.report(diagnostic) }
            declarations.append(
                VariableDeclaration(
                    name: name, nameLocation: SourceLocation(file: file, line: 1, column: 1, length: name.count),
                    value: value))
        }
    }

    /// Where findings about each argument go in `blueprint` (the file `file` when it did not decode).
    func placed(in blueprint: Blueprint?, file: String) -> CommandLineVariables {
        var placed = self
        placed.fallback =
            blueprint?.variablesKey ?? blueprint?.location ?? SourceLocation(file: file, line: 1, column: 1)
        for variable in blueprint?.variables ?? [] where variable.nameLocation.file == file {
            placed.places[variable.name] = variable.nameLocation
        }
        return placed
    }

    /// `diagnostics` with every position inside an argument moved into the blueprint.
    func relocate(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard !arguments.isEmpty else { return diagnostics }
        return diagnostics.map { diagnostic in
            var moved = diagnostic
            if let location = diagnostic.location, let argument = argument(location.file) {
                moved.location = places[argument.name] ?? fallback
                moved.notes.insert(
                    DiagnosticNote(
                        "the value is given on the command line: --vars \(argument.text) (column \(location.column))"),
                    at: 0)
            }
            moved.notes = moved.notes.map { note in
                guard let location = note.location, let argument = argument(location.file) else { return note }
                return DiagnosticNote("\(note.message) (--vars \(argument.text), column \(location.column))")
            }
            // An edit of a command-line argument is not an edit of a file.
            moved.fixes.removeAll { argument($0.location.file) != nil }
            return moved
        }
    }

    private func argument(_ file: String) -> (file: String, text: String, name: String)? {
        arguments.first { $0.file == file }
    }
}
