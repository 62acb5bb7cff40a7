import Foundation
import Testing
import TestSupport
@_spi(Tools) @testable import HPCCompiler

/// Completion, hover, navigation and the outline of `hpcc lsp`, on a blueprint and on half-typed
/// text that does not parse.
@Suite("Editor features")
struct EditorFeatureTests {
    /// The language server's test blueprint, its setting spelled right.
    static let blueprint = LanguageServerTests.blueprint.replacingOccurrences(of: "machine_tpye", with: "machine_type")

    @Test func keysAreOfferedForTheMappingAtTheCursor() {
        let session = LanguageServerSession()
        _ = session.open(Self.blueprint)
        // A new line under the nodeset's settings: its settings, without those already written.
        let text = Self.blueprint.replacingOccurrences(
            of: "      node_count_dynamic_max: 4\n", with: "      node_count_dynamic_max: 4\n      en\n")
        _ = session.change(nil, to: text, version: 2)
        let settings = session.completionLabels(17, 8)
        #expect(settings.contains("enable_spot_vm") && settings.contains("enable_placement"))
        #expect(settings.allSatisfy { $0.hasPrefix("en") })
        let all = session.ask("completion", 17, 6)["items"]?.elements ?? []
        let labels = all.compactMap { $0["label"]?.text }
        #expect(labels.contains("enable_spot_vm") && !labels.contains("node_count_dynamic_max"))
        #expect(!labels.contains("machine_type"), "written already")
        let item = all.first { $0["label"] == "enable_spot_vm" }
        #expect(item?["detail"] == "bool · default false" && item?["textEdit"]?["newText"] == "enable_spot_vm: ")
        #expect(item?["documentation"]?["value"]?.text?.hasPrefix("**`enable_spot_vm`** · `bool`") == true)
        // Top level (without the keys written already), a group.
        let top = session.completionLabels(0, 0)
        #expect(top.contains("validators") && !top.contains("deployment_groups") && !top.contains("vars"))
        #expect(Set(session.completionLabels(8, 2)).isSuperset(of: ["modules", "terraform_backend"]))
    }

    @Test func aNewListElementIsOfferedAllItsKeys() {
        let session = LanguageServerSession()
        let text = Self.blueprint.replacingOccurrences(
            of: "  - id: debug\n", with: "  - \n  - id: debug\n")
        _ = session.open(text)
        #expect(Set(session.completionLabels(17, 4)).isSuperset(of: ["id", "source", "use", "settings"]))
        #expect(session.completionLabels(17, 4).first { $0 == "id" } != nil)
        let item = session.ask("completion", 17, 4)["items"]?.elements?.first { $0["label"] == "source" }
        #expect(item?["textEdit"]?["newText"] == "source: ")
    }

    @Test func objectsInListsOfASettingOfferTheirAttributes() throws {
        let blueprint = try String(
            contentsOf: Repository.root.appendingPathComponent("blueprints/aws-parallelcluster.yaml"), encoding: .utf8)
        let session = LanguageServerSession()
        // A new queue (line 100 is `      - name: debug`), and a new compute resource inside it.
        let text = blueprint.replacingOccurrences(
            of: "      - name: debug\n",
            with: "      - na\n        compute_resources:\n        - \n      - name: debug\n")
        _ = session.open(text)
        #expect(session.completionLabels(99, 10) == ["name"])
        let item = session.ask("completion", 99, 10)["items"]?.elements?.first
        #expect(item?["textEdit"]?["newText"] == "name: " && item?["textEdit"]?["range"]?.span == [99, 8, 99, 10])
        let resource = session.completionLabels(101, 10)
        #expect(Set(resource).isSuperset(of: ["name", "instance_type", "max_count"]), "\(resource)")
        let hover = try #require(session.hoverText(106, 12))
        #expect(hover.contains("**`max_count`**") && hover.contains("Attribute of `compute_resources`"))
    }

    @Test func useAndExpressionsLeaveOutWhatCannotBeMeant() {
        let session = LanguageServerSession()
        let text = Self.blueprint.replacingOccurrences(
            of: "    use: [network, debug]\n", with: "    use: [network, ]\n    settings:\n      x: $(\n")
        _ = session.open(text)
        #expect(session.completionLabels(25, 19) == ["nodes", "debug"], "network is listed already")
        #expect(!session.completionLabels(27, 11).contains("controller"), "not the module itself")
        #expect(session.completionLabels(27, 11).contains("network"))
    }

    @Test func valuesAreOfferedForTheKeyAtTheCursor() {
        let session = LanguageServerSession()
        _ = session.open(Self.blueprint)
        #expect(session.completionLabels(10, 12).contains("modules/network/filestore") == false)
        #expect(session.completionLabels(10, 12).contains("modules/file-system/filestore"))
        #expect(session.completionLabels(13, 10) == ["network"], "no module that uses nodes, directly or not")
        #expect(session.completionLabels(19, 10) == ["network", "nodes"])
        #expect(session.completionLabels(22, 17) == ["true", "false"])
        let machines = session.completionLabels(15, 24)
        #expect(machines.contains("n2-standard-4") && machines.allSatisfy { $0.hasPrefix("n2-s") })
    }

    @Test func machineTypesAreThoseOfferedInTheModulesZone() {
        // Compute Engine offers no a3-highgpu machine in us-central1-a, and does in us-central1-c.
        let machines = MachineCatalog.gcp
        let offered = { (zone: String) in
            machines.names.filter { name in
                machines.zones(offering: name, in: "us-central1").map { $0.contains(zone) } ?? true
            }
        }
        let a = offered("us-central1-a")
        let c = offered("us-central1-c")
        #expect(a.count < machines.names.count && a != c)
        let session = LanguageServerSession()
        _ = session.open(Self.blueprint)
        let labels = Set(session.completionLabels(15, 20))
        #expect(labels == Set(a.filter { machines.machine($0) != nil }))
        let inC = Self.blueprint.replacingOccurrences(of: "us-central1-a", with: "us-central1-c")
        _ = session.change(nil, to: inC, version: 2)
        #expect(Set(session.completionLabels(15, 20)) == Set(c.filter { machines.machine($0) != nil }))
    }

    @Test func zonesAreThoseOfTheRegionAndRegionsTheClouds() {
        let session = LanguageServerSession()
        let text = Self.blueprint.replacingOccurrences(of: "  zone: us-central1-a\n", with: "  zone: us-\n")
        _ = session.open(text)
        let zones = session.completionLabels(5, 11)
        #expect(zones.contains("us-central1-a") && zones.contains("us-central1-f"))
        #expect(zones.allSatisfy { $0.hasPrefix("us-central1-") }, "the region is us-central1")
        #expect(session.completionLabels(4, 12).contains("europe-west4") == false, "prefix us-")
        let regions = session.completionLabels(4, 10)
        #expect(regions.contains("us-central1") && regions.contains("europe-west4"))
    }

    @Test func referencesInExpressionsCompleteFromHalfTypedText() {
        let session = LanguageServerSession()
        _ = session.open(Self.blueprint)
        // Not YAML any more: an unclosed flow list on another line, and the expression being typed.
        let text = Self.blueprint.replacingOccurrences(
            of: "      node_count_dynamic_max: 4\n",
            with: "      node_count_dynamic_max: [4\n      subnetwork_self_link: $(network.sub\n")
        let diagnostics = session.change(nil, to: text, version: 2)
        #expect(diagnostics.contains { $0["code"] == "HPC1001" })
        let outputs = session.completionLabels(17, 41)
        #expect(outputs.contains("subnetwork_self_link") && outputs.allSatisfy { $0.hasPrefix("sub") })
        let typed = text.replacingOccurrences(of: "$(network.sub", with: "$(vars.")
        _ = session.change(nil, to: typed, version: 3)
        #expect(session.completionLabels(17, 35) == ["project_id", "deployment_name", "region", "zone"])
        let heads = typed.replacingOccurrences(of: "$(vars.", with: "$(")
        _ = session.change(nil, to: heads, version: 4)
        #expect(session.completionLabels(17, 30) == ["vars", "network", "debug", "controller"], "not nodes itself")
    }

    @Test func hoverExplainsSettingsModulesMachinesVariablesAndCodes() throws {
        let session = LanguageServerSession()
        _ = session.open(Self.blueprint + "ignore: [HPC2009]\n")
        let setting = try #require(session.hoverText(16, 10))
        #expect(setting.contains("**`node_count_dynamic_max`**") && setting.contains("`number`"))
        let module = try #require(session.hoverText(10, 20))
        #expect(module.contains("**`modules/network/vpc`**") && module.contains("`subnetwork_self_link`"))
        #expect(session.hoverText(13, 11) == module, "a use: element shows the module it names")
        let machine = try #require(session.hoverText(15, 24))
        #expect(machine.contains("4 vCPUs, 16 GiB") && machine.contains("in us-central1"))
        let code = try #require(session.hoverText(26, 11))
        #expect(code == DiagnosticCode.settingNoEffect.manual)
        #expect(session.hoverText(8, 3)?.contains("**`modules`**") == true)
    }

    @Test func definitionAndReferencesFollowVariablesAndModules() throws {
        let session = LanguageServerSession()
        let text = Self.blueprint.replacingOccurrences(
            of: "      node_count_dynamic_max: 4\n", with: "      node_count_dynamic_max: 4\n      zone: $(vars.zone)\n"
        )
        _ = session.open(text)
        let variable = session.ask("definition", 17, 20)
        #expect(variable["uri"]?.text == session.uri && variable["range"]?.span == [5, 2, 5, 6])
        let module = session.ask("definition", 13, 12)
        #expect(module["range"]?.span == [9, 8, 9, 15])
        let uses = session.ask("references", 9, 10, extra: ["context": ["includeDeclaration": true]])
        #expect(
            uses.elements?.map { $0["range"]?.span ?? [] } == [[9, 8, 9, 15], [13, 10, 13, 17], [26, 10, 26, 17]])
        #expect(session.ask("definition", 0, 3) == .null)
    }

    @Test func theOutlineHoldsItsChildrenAndNamesEverything() throws {
        let session = LanguageServerSession()
        _ = session.open(Self.blueprint.replacingOccurrences(of: "  - id: debug\n", with: "  - id:\n"))
        let symbols = try #require(
            session.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(session.uri)]]).elements)
        let vars = try #require(symbols.first)
        #expect(vars["range"]?.span == [1, 0, 5, 21] && vars["selectionRange"]?.span == [1, 0, 1, 4])
        let modules = symbols[1]["children"]?.elements ?? []
        #expect(modules.map { $0["name"]?.text } == ["network", "nodes", "controller"], "no module without an id")
    }

    @Test func theOutlineListsVariablesGroupsAndModules() throws {
        let session = LanguageServerSession()
        _ = session.open(Self.blueprint)
        let symbols = try #require(
            session.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(session.uri)]]).elements)
        #expect(symbols.map { $0["name"]?.text } == ["vars", "primary"])
        let modules = symbols[1]["children"]?.elements ?? []
        #expect(modules.map { $0["name"]?.text } == ["network", "nodes", "debug", "controller"])
        #expect(modules.first?["selectionRange"]?.span == [9, 8, 9, 15])
        #expect(symbols[1]["range"]?.span.first == 7 && symbols[1]["range"]?.span[2] == 25)
    }

    @Test func cursorContextsOfHalfTypedLines() {
        func context(_ text: String) -> CursorContext {
            let marker = text.range(of: "‸")!
            let lines = text[..<marker.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
            let document = DocumentText(text.replacingOccurrences(of: "‸", with: ""))
            return CursorContext.at(
                EditorPosition(line: lines.count - 1, character: lines.last!.utf16.count), in: document)
        }
        let modules = "deployment_groups:\n- group: g\n  modules:\n  - id: a\n    source: x\n"
        #expect(context(modules + "    settings:\n      ma‸").path == ["deployment_groups", "modules", "settings"])
        #expect(context(modules + "    use:\n    - ‸").place == .value(key: "use"))
        #expect(context(modules + "    use: [b, ‸").place == .value(key: "use"))
        #expect(context(modules + "    so‸").place == .key)
        #expect(context(modules + "  - ‸").path == ["deployment_groups", "modules"])
        #expect(
            context(modules + "    settings:\n      script: |\n        echo $(vars.‸").place
                == .expression(head: "vars"))
        #expect(context(modules + "    settings:\n      script: |\n        ec‸").place == .text)
        #expect(context(modules + "    settings:\n      a: 1 # mach‸").place == .text)
        #expect(context(modules + "    settings:\n      a: \"$(a.b)\" + $(x‸").place == .expression(head: nil))
        #expect(context("vars:\n  zone: ‸").place == .value(key: "zone"))
    }
}
