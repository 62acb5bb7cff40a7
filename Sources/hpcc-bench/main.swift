import Foundation
@_spi(Tools) import HPCCompiler
import TestSupport

// hpcc's benchmark: generated blueprints of growing size, each compiled and written by a fresh
// process (so peak RSS is that size's own), several times; per size it prints the median and
// spread of the wall time, the median of each stage, peak RSS and output bytes.
//
//   swift run -c release hpcc-bench [--sizes 1,10,100,1000,10000] [--repeat 5] [--kinds gcp,aws]
//   swift run -c release hpcc-bench --print gcp 1000 > bench.yaml

/// What one child process measured.
struct Run: Codable {
    var stages: [String: Double]
    var total: Double
    /// User and system CPU time of the whole child process: above `total` when stages ran on several cores.
    var cpu: Double
    var peakRSSKiB: Int
    var outputBytes: Int
    var files: Int
    var diagnostics: [String]
}

func ownUsage() -> rusage {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage
}

func seconds(_ time: timeval) -> Double {
    Double(time.tv_sec) + Double(time.tv_usec) / 1e6
}

/// The child: compile and write one generated blueprint, print one JSON line.
func child(_ kind: ScaleBlueprints.Kind, size: Int) throws {
    let text = ScaleBlueprints.blueprint(kind, size: size)
    let clock = ContinuousClock()
    let start = clock.now
    var result = Compiler().compile(SourceFile(name: "bench-\(kind)-\(size).yaml", text: text))
    let output = FileManager.default.temporaryDirectory.appendingPathComponent(
        "hpcc-bench-\(ProcessInfo.processInfo.processIdentifier)")
    defer { try? FileManager.default.removeItem(at: output) }
    if result.succeeded {
        try result.timings.measure(.write) {
            try DeploymentWriter(force: true).write(result.files, to: output.appendingPathComponent("deployment"))
        }
    }
    let total = clock.now - start
    var stages: [String: Double] = [:]
    for (stage, seconds) in result.timings.seconds { stages[stage.rawValue, default: 0] += seconds }
    let usage = ownUsage()
    let run = Run(
        stages: stages, total: total.seconds, cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        peakRSSKiB: Int(usage.ru_maxrss), outputBytes: result.files.reduce(0) { $0 + $1.contents.count },
        files: result.files.count,
        diagnostics: result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })
    print(String(decoding: try JSONEncoder().encode(run), as: UTF8.self))
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func milliseconds(_ seconds: Double) -> String {
    seconds >= 10 ? String(format: "%.0f", seconds * 1000) : String(format: "%.1f", seconds * 1000)
}

/// The parent: every kind and size, `repeats` child runs each, one table.
func parent(kinds: [ScaleBlueprints.Kind], sizes: [Int], repeats: Int) throws {
    let me = URL(fileURLWithPath: CommandLine.arguments[0])
    let stages = StageTimings.Stage.allCases.map(\.rawValue)
    print(
        "kind size  runs  process ms (median, min-max)  in-process ms  cpu ms    "
            + stages.map { $0.padding(toLength: 8, withPad: " ", startingAt: 0) }.joined(separator: " ")
            + "  peak RSS MiB  output MB  files")
    for kind in kinds {
        for size in sizes {
            var runs: [Run] = []
            var walls: [Double] = []
            for _ in 0..<repeats {
                let process = Process()
                process.executableURL = me
                process.arguments = ["--child", kind.rawValue, String(size)]
                let pipe = Pipe()
                process.standardOutput = pipe
                let clock = ContinuousClock()
                let start = clock.now
                try process.run()
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                let wall = clock.now - start
                guard process.terminationStatus == 0, let run = try? JSONDecoder().decode(Run.self, from: data) else {
                    throw BenchError(
                        description: "the \(kind) run of size \(size) failed (exit \(process.terminationStatus))")
                }
                if !run.diagnostics.isEmpty {
                    throw BenchError(
                        description:
                            """
                            the \(kind) blueprint of size \(size) does not compile cleanly: \
                            \(run.diagnostics.prefix(3))
                            """
                    )
                }
                runs.append(run)
                walls.append(wall.seconds)
            }
            let wall =
                "\(milliseconds(median(walls))) (\(milliseconds(walls.min() ?? 0))-\(milliseconds(walls.max() ?? 0)))"
            let perStage = stages.map { stage in
                milliseconds(median(runs.map { $0.stages[stage] ?? 0 })).padding(
                    toLength: 8, withPad: " ", startingAt: 0)
            }
            let rss = median(runs.map { Double($0.peakRSSKiB) }) / 1024
            let bytes = Double(runs[0].outputBytes) / 1_000_000
            let kindColumn = kind.rawValue.padding(toLength: 4, withPad: " ", startingAt: 0)
            let sizeColumn = String(size).padding(toLength: 5, withPad: " ", startingAt: 0)
            let repeatsColumn = String(repeats).padding(toLength: 5, withPad: " ", startingAt: 0)
            print(
                "\(kindColumn) \(sizeColumn) \(repeatsColumn) "
                    + wall.padding(toLength: 29, withPad: " ", startingAt: 0) + " "
                    + milliseconds(median(runs.map(\.total))).padding(toLength: 14, withPad: " ", startingAt: 0)
                    + " " + milliseconds(median(runs.map(\.cpu))).padding(toLength: 9, withPad: " ", startingAt: 0)
                    + " " + perStage.joined(separator: " ")
                    + "  " + String(format: "%12.1f", rss) + "  " + String(format: "%9.2f", bytes)
                    + "  \(runs[0].files)")
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
}

func option(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

let usage = """
    usage: hpcc-bench [--sizes 1,10,100,1000,10000] [--repeat 5] [--kinds gcp,aws]
           hpcc-bench --print KIND SIZE     print the generated blueprint (KIND: gcp or aws)
           hpcc-bench --parsers [--sizes 1000,10000] [--repeat 5]
                                            time the ways of reading the gcp blueprint's YAML, in one process

    """

do {
    let arguments = CommandLine.arguments
    if arguments.contains("--help") || arguments.contains("-h") {
        print(usage, terminator: "")
    } else if let index = arguments.firstIndex(of: "--print"), index + 2 < arguments.count,
        let kind = ScaleBlueprints.Kind(rawValue: arguments[index + 1]), let size = Int(arguments[index + 2])
    {
        print(ScaleBlueprints.blueprint(kind, size: size), terminator: "")
    } else if arguments.contains("--parsers") {
        let sizes = (option("--sizes") ?? "1000,10000").split(separator: ",").compactMap { Int($0) }
        try ParserComparison.run(sizes: sizes, repeats: max(1, Int(option("--repeat") ?? "5") ?? 5))
    } else if let index = arguments.firstIndex(of: "--child"), index + 2 < arguments.count,
        let kind = ScaleBlueprints.Kind(rawValue: arguments[index + 1]), let size = Int(arguments[index + 2])
    {
        try child(kind, size: size)
    } else {
        let sizes = (option("--sizes") ?? "1,10,100,1000,10000").split(separator: ",").compactMap { Int($0) }
        let kinds = (option("--kinds") ?? "gcp,aws").split(separator: ",").compactMap {
            ScaleBlueprints.Kind(rawValue: String($0))
        }
        let repeats = Int(option("--repeat") ?? "5") ?? 5
        try parent(kinds: kinds, sizes: sizes, repeats: max(1, repeats))
    }
} catch {
    FileHandle.standardError.write(Data("hpcc-bench: \(error)\n".utf8))
    exit(1)
}
