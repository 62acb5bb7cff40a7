/// A Slurm configuration file read as Slurm reads it, for comparing two builds: `Key=Value` words,
/// keys case-insensitive, `#` to the end of the line a comment, `Include` pulling in another file
/// of the same folder, and record lines (slurm.conf's NodeName, NodeSet and PartitionName, gres.conf's
/// NodeName and Name) kept whole under their name. hpcc's slurm.conf template parser reads only the
/// user part of a template (one setting a line), so this is a reader of its own.
struct SlurmConfFile {
    /// One `Key=Value` word, the key as written.
    struct Word: Hashable {
        let key: String
        let value: String
        var text: String { "\(key)=\(value)" }
    }

    /// A parameter's values in file order (SlurmctldHost may appear more than once), and the file it is in.
    struct Parameter {
        var name: String
        var values: [String]
        var file: String
    }

    /// A record line: its kind (`NodeName`), its name (the first word's value) and every word after it,
    /// with the kind's `DEFAULT` lines before it applied.
    struct Record {
        let kind: String
        let name: String
        let words: [Word]
        let file: String

        /// The value of `key` (case-insensitive).
        func value(_ key: String) -> String? { words.last { $0.key.lowercased() == key.lowercased() }?.value }
        var text: String { ([Word(key: kind, value: name)] + words).map(\.text).joined(separator: " ") }
    }

    /// Parameters by lowercased name.
    var parameters: [String: Parameter] = [:]
    /// Records by kind, then by name, in file order.
    var records: [String: [Record]] = [:]
    /// Files pulled in by `Include` (paths of the folder).
    var included: Set<String> = []

    /// The record kinds of each file.
    static func recordKinds(_ file: String) -> [String] {
        switch file {
        case "slurm.conf": ["NodeName", "NodeSet", "PartitionName"]
        case "gres.conf": ["NodeName", "Name"]
        default: []
        }
    }

    /// Reads `path` of `files` (paths of the folder to text), following `Include` into files of the folder.
    init(_ path: String, files: [String: String]) {
        read(path, kinds: Self.recordKinds(path), files: files, depth: 0)
    }

    private mutating func read(_ path: String, kinds: [String], files: [String: String], depth: Int) {
        guard let text = files[path] else { return }
        var defaults: [String: [Word]] = [:]
        for raw in text.split(separator: "\n") {
            let line = raw.prefix { $0 != "#" }.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if tokens[0].lowercased() == "include", tokens.count == 2 {
                add(Word(key: "Include", value: tokens[1]), file: path)
                // Slurm resolves a relative Include beside slurm.conf; an absolute one is matched by
                // its name, as the deployment holds the file in the same folder.
                let name = String(tokens[1].split(separator: "/").last ?? "")
                if depth < 8, files[name] != nil, name != path {
                    included.insert(name)
                    read(name, kinds: kinds, files: files, depth: depth + 1)
                }
                continue
            }
            let words = tokens.map { token -> Word in
                let pair = token.split(separator: "=", maxSplits: 1).map(String.init)
                return Word(key: pair[0], value: pair.count == 2 ? pair[1] : "")
            }
            guard let kind = kinds.first(where: { $0.lowercased() == words[0].key.lowercased() }) else {
                for word in words { add(word, file: path) }
                continue
            }
            let rest = Array(words.dropFirst())
            if words[0].value.uppercased() == "DEFAULT" {
                // Defaults add up until the next DEFAULT line changes them.
                defaults[kind, default: []] += rest
                continue
            }
            records[kind, default: []].append(
                Record(kind: kind, name: words[0].value, words: Self.merge(defaults[kind] ?? [], rest), file: path))
        }
    }

    private mutating func add(_ word: Word, file: String) {
        let key = word.key.lowercased()
        if parameters[key] == nil {
            parameters[key] = Parameter(name: word.key, values: [], file: file)
        }
        parameters[key]?.values.append(word.value)
    }

    /// `words` over `defaults`: a key the line sets replaces the default's.
    private static func merge(_ defaults: [Word], _ words: [Word]) -> [Word] {
        let set = Set(words.map { $0.key.lowercased() })
        var seen = Set<String>()
        let kept = defaults.reversed().filter {
            !set.contains($0.key.lowercased()) && seen.insert($0.key.lowercased()).inserted
        }
        return kept.reversed() + words
    }
}
