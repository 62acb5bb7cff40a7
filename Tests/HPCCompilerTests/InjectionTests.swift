import Foundation
import Testing
import Yams
@_spi(Tools) @testable import HPCCompiler

/// A user string can never change the structure of what hpcc writes: it cannot become a
/// Terraform interpolation, add a line or a key to slurm.conf, an INI file, the inventory or the
/// bwVisu config, or reach a shell unquoted. Each format either carries the string exactly (and
/// a reader gets it back unchanged) or refuses it with a diagnostic at its position.
@Suite("Injection")
struct InjectionTests {
    /// Strings that try to break out of a value in one format or another.
    static let hostile: [String] = [
        "a\nb", "a\r\nb: c", "line\u{2028}separator", "nul\u{0}byte", "tab\tand\u{1B}[31mescape", "# comment",
        "key=value", "a: b", "- item",
        "{flow: map}", "[flow, list]", "*alias", "&anchor", "!tag", "%directive", "@at", "`tick`", "'single'",
        "\"double\"",
        "  leading", "trailing  ", "yes", "null", "~", "0x1F", "1e3", "0755", "${var.secret}", "%{if x}", "$(id)",
        "; rm -rf /", "\\", "\u{FEFF}bom", "next\u{85}line", "é ü 日本",
    ]

    // MARK: Terraform

    @Test func terraformInterpolationsAreEscaped() throws {
        for (text, escaped) in [
            ("cost ${var.secret}", "cost $${var.secret}"), ("%{ for x in y }", "%%{ for x in y }"),
            ("$${kept}", "$$${kept}"),
        ] {
            let blueprint = mini(
                "    source: modules/network/vpc\n",
                "    source: modules/network/vpc\n    settings:\n      network_description: \"\(text)\"\n")
            let root = try #require(compile(blueprint).file("primary/main.tf.json"))
            let document = try #require(try JSONSerialization.jsonObject(with: Data(root.utf8)) as? [String: Any])
            let network =
                ((document["resource"] as? [String: Any])?["google_compute_network"] as? [String: Any])?["network"]
                as? [String: Any]
            #expect(network?["description"] as? String == escaped, "\(text)")
        }
    }

    // MARK: slurm.conf

    @Test func slurmConfRefusesLineBreakingValues() {
        for value in ["a\\nb", "a#b", "a b", "nul\\0", "tab\\tx"] {
            let result = compile(
                mini("partition_name: batch", "partition_name: batch\n      partition_conf: {MaxTime: \"\(value)\"}"))
            #expect(
                positions(result.diagnostics) == ["23:23 HPC4001"], "\(value): \(result.diagnostics.map(\.message))")
        }
        for key in ["Max Time", "A=B", "#X"] {
            let result = compile(
                mini("partition_name: batch", "partition_name: batch\n      partition_conf: {\"\(key)\": \"1\"}"))
            #expect(positions(result.diagnostics) == ["23:23 HPC4001"], "\(key)")
        }
        let features = compile(
            existingSlurmBlueprint().replacingOccurrences(
                of: "features: [ib]", with: "features: [\"ib\\nNodeName=evil\"]"))
        #expect(positions(features.diagnostics) == ["22:19 HPC4001"])
    }

    // MARK: INI (HPCStats)

    @Test func iniRefusesWhatConfigParserWouldMisread() {
        for value in ["\"dc=a\\ndc=b\"", "\"dc=a\\0\"", "\"%(x)s\"", "\"dc=a ;comment\"", "\" dc=a\""] {
            let result = compile(hpcStatsBlueprint(("base_dn: dc=example,dc=org", "base_dn: \(value)")))
            #expect(
                positions(result.diagnostics) == ["48:18 HPC4001"], "\(value): \(result.diagnostics.map(\.message))")
        }
    }

    // MARK: Inventory (YAML)

    /// Every string the inventory writer quotes comes back from a YAML reader as the same single value.
    @Test func inventoryValuesRoundTrip() throws {
        // NUL cannot be in YAML at all; an escaped byte-order mark is dropped by libyaml (Yams)
        // when read, as it is from blueprints, so no blueprint value can hold one.
        for text in Self.hostile where !text.contains("\u{0}") && !text.contains("\u{FEFF}") {
            let rendered = YAMLWriter.render(
                .object([(text, .object([("value", .string(text)), ("list", .list([.string(text)]))]))]))
            let parsed = try #require(try Yams.load(yaml: rendered) as? [String: Any], "\(text): \(rendered)")
            #expect(Array(parsed.keys) == [text], "key \(text.debugDescription): \(rendered)")
            let inner = parsed[text] as? [String: Any]
            #expect(inner?["value"] as? String == text, "value \(text.debugDescription): \(rendered)")
            #expect((inner?["list"] as? [String]) == [text], "list \(text.debugDescription)")
            #expect(inner?.count == 2)
        }
    }

    // MARK: bwVisu

    @Test func bwVisuRefusesAndJSONCarries() throws {
        for value in ["\"/home\\nx\"", "\"/home;id\"", "\"/home`id`\"", "\"/home ../x\""] {
            let result = compile(bwVisuBlueprint(("home_prefix: /shared/home", "home_prefix: \(value)")))
            #expect(positions(result.diagnostics) == ["40:20 HPC4001"], "\(value)")
        }
        for text in Self.hostile {
            let rendered = JSONWriter.render(.object([text: .string(text)]))
            let parsed = try #require(
                try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: String], "\(text)")
            #expect(parsed == [text: text], "\(text.debugDescription)")
        }
    }

    // MARK: Shell

    /// A quoted word reaches a shell as exactly one argument with exactly its text.
    @Test func shellWordsReachTheShellLiterally() throws {
        for text in Self.hostile where !text.contains("\u{0}") {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "printf '%s|' " + ShellWord.quote(text) + "; printf '%s' \"$#\""]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            process.waitUntilExit()
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(printed == text + "|0", "\(text.debugDescription) came back as \(printed.debugDescription)")
        }
    }

    /// Runner arguments with shell syntax are refused at the runner; plain ones reach the script quoted.
    @Test func runnerArgumentsCannotCarryShellSyntax() throws {
        func blueprint(_ args: String) -> String {
            miniPlus(
                """
                  - id: startup
                    source: modules/scripts/startup-script
                    settings:
                      runners:
                      - {type: shell, destination: setup.sh, content: "echo hi", args: "\(args)"}

                """
            ).replacingOccurrences(of: "use: [network]", with: "use: [network, startup]")
        }
        for args in ["\\\\$(touch${IFS}/tmp/pwned)", "`id`", "'x'", "\\\\x"] {
            let result = compile(blueprint(args))
            #expect(positions(result.diagnostics) == ["30:7 HPC3030"], "\(args): \(result.diagnostics.map(\.message))")
            #expect(
                result.diagnostics.first?.message.contains("args are split at spaces and passed as plain words") == true
            )
        }
        // Shell operators are plain characters inside the quotes.
        let script = try #require(compile(blueprint("--name=a.b a;reboot a|b>c&&d")).file("scripts/startup/startup.sh"))
        #expect(script.contains(#""$work"/'setup.sh' '--name=a.b' 'a;reboot' 'a|b>c&&d'"#), "\(script)")
    }
}
