// hpcc-fuzz: the whole pipeline under a coverage-guided fuzzer.
//
// Built by Tests/Fuzz/run.sh with `-sanitize=fuzzer -D HPCC_FUZZ` it is a libFuzzer binary: each
// input is a blueprint (optionally followed by `#hpcc-fuzz-vars` and NAME=VALUE lines), and an
// input that breaks one of `PipelineInvariants` stops it like a crash, so libFuzzer keeps it.
// Built normally it replays files and folders given as arguments with the same checks, which is
// how a saved crash becomes a regression test.
import Foundation
import TestSupport

/// Checks one input; a broken invariant is a crash, so the fuzzer records the input.
func check(_ bytes: UnsafeBufferPointer<UInt8>) {
    let problems = PipelineInvariants.violations(for: bytes)
    if !problems.isEmpty {
        fatalError("pipeline invariant broken: " + problems.joined(separator: "; "))
    }
}

#if HPCC_FUZZ
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(
        runFuzzerDriver(&argc, &argv) { data, count in
            check(UnsafeBufferPointer(start: data, count: data == nil ? 0 : count))
            return 0
        })
#else
    var inputs: [URL] = []
    for argument in CommandLine.arguments.dropFirst() {
        let url = URL(fileURLWithPath: argument)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            FileHandle.standardError.write(Data("hpcc-fuzz: no such file or folder: \(argument)\n".utf8))
            exit(2)
        }
        if isFolder.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            inputs += names.sorted().filter { !$0.hasPrefix(".") }.map { url.appendingPathComponent($0) }
        } else {
            inputs.append(url)
        }
    }
    var failed = 0
    for input in inputs {
        let bytes = [UInt8]((try? Data(contentsOf: input)) ?? Data())
        let problems = bytes.withUnsafeBufferPointer { PipelineInvariants.violations(for: $0) }
        if !problems.isEmpty {
            failed += 1
            print("\(input.path): " + problems.joined(separator: "; "))
        }
    }
    print("hpcc-fuzz: replayed \(inputs.count) inputs, \(failed) broke an invariant")
    exit(failed == 0 ? 0 : 1)
#endif
