/// What an editor session compiles with: the compiler and the inputs `hpcc validate` would get
/// on the command line (`--vars`, a deployment file).
@_spi(Tools) public struct EditorSettings: Sendable {
    /// The compiler, with its catalogs and the files it may read.
    @_spi(Tools) public var compiler: Compiler
    /// `NAME=VALUE` overrides, as `--vars` gives them.
    @_spi(Tools) public var variables: [String]
    /// A deployment file, as `--deployment-file` gives it.
    @_spi(Tools) public var deploymentFile: SourceFile?

    /// Creates settings.
    @_spi(Tools) public init(
        compiler: Compiler = Compiler(), variables: [String] = [], deploymentFile: SourceFile? = nil
    ) {
        self.compiler = compiler
        self.variables = variables
        self.deploymentFile = deploymentFile
    }
}

/// One blueprint open in an editor: its text, and what the compiler found in it. Every edit
/// compiles the text again, so the findings are `hpcc validate`'s for exactly that text.
struct EditorDocument: Sendable {
    /// The file name diagnostics carry (the path of a `file:` URI).
    let file: String
    /// The editor's version of the text.
    var version: Int
    private(set) var text: DocumentText
    /// The compiler's findings on the current text.
    private(set) var diagnostics: [Diagnostic] = []
    /// The outline of the current text; nil when it is not YAML (navigation then offers nothing
    /// rather than positions from an older text).
    private(set) var outline: BlueprintOutline?
    /// The outline of the last text that was YAML: the names completion offers while a line is
    /// half-typed.
    private(set) var knownOutline: BlueprintOutline?
    /// The resolved blueprint of the last text that got that far (settings' values, variables).
    private(set) var resolved: ResolvedBlueprint?

    init(file: String, version: Int, text: String, settings: EditorSettings) {
        self.file = file
        self.version = version
        self.text = DocumentText(text)
        analyze(settings)
    }

    /// Applies an edit (`range` nil replaces the whole text) without compiling; `analyze` after
    /// the last edit of a change.
    mutating func edit(_ range: EditorRange?, with replacement: String) {
        text.replace(range, with: replacement)
    }

    /// Compiles the current text: its findings, outline and resolved blueprint.
    mutating func analyze(_ settings: EditorSettings) {
        let source = SourceFile(name: file, text: text.text)
        let result = settings.compiler.compile(
            source, deploymentFile: settings.deploymentFile, variables: settings.variables)
        diagnostics = result.diagnostics
        outline = result.tree.map { BlueprintOutline($0, source: source) }
        if let outline { knownOutline = outline }
        if let current = result.resolved { resolved = current }
    }
}
