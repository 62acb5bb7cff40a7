/// Text for a shell command line.
enum ShellWord {
    /// `text` single-quoted: the shell takes it literally, whatever it holds.
    static func quote(_ text: String) -> String {
        "'" + text.replacingEvery("'", with: #"'\''"#) + "'"
    }
}
