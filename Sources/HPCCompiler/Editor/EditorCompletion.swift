/// One completion the editor offers.
struct EditorCompletion: Sendable, Equatable {
    /// The protocol's completion item kinds hpcc uses.
    enum Kind: Int, Sendable {
        case field = 5
        case variable = 6
        case module = 9
        case property = 10
        case value = 12
        case keyword = 14
        case reference = 18
        case enumMember = 20
    }

    /// What is shown, and inserted unless `insertText` says otherwise.
    var label: String
    var kind: Kind
    /// One line beside the label (a type, a shape).
    var detail: String?
    /// Markdown shown for the selected item.
    var documentation: String?
    /// The text that replaces the word at the cursor, when not the label (`machine_type: `).
    var insertText: String?
}
