import Foundation
import TestSupport

/// A moto server (AWS API emulator, with hpcc's addition in `Tests/Tools/moto-server.py`) on
/// 127.0.0.1 with a free port, from the `.venv-moto` that
/// `.ci/run` creates (or `HPCC_MOTO_PYTHON`'s environment). Its request log goes to a file that
/// is never printed; moto only ever sees the fake credentials in `MotoServer.credentials`.
public final class MotoServer: @unchecked Sendable {
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// moto's fake credentials: constants, not secrets.
    public static let credentials = (accessKey: "testing", secretKey: "testing")

    static let readback = Repository.root.appendingPathComponent("Tests/Tools/moto-readback.py")
    /// moto's server plus the CloudFormation `AWS::EC2::KeyPair` moto lacks (see the script).
    static let server = Repository.root.appendingPathComponent("Tests/Tools/moto-server.py")

    /// The python whose environment holds moto and boto3 (`HPCC_MOTO_PYTHON`, else `.venv-moto`).
    public static var python: String? { ConsumerTools.python("HPCC_MOTO_PYTHON", venv: ".venv-moto") }

    public static let available = ConsumerTools.imports("moto.server, boto3", with: python)

    public let endpoint: String
    let python: String
    private let process: Process
    private let log: URL

    /// Starts moto and waits until it answers.
    public init() throws {
        guard let python = Self.python, Self.available else {
            throw Unavailable(
                description:
                    """
                    moto is not importable (looked at HPCC_MOTO_PYTHON and .venv-moto): run .ci/run, or python3 -m \
                    venv .venv-moto && .venv-moto/bin/pip install -r .ci/requirements-moto.txt
                    """
            )
        }
        self.python = python
        let port = try Shell.run(
            python, ["-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"]
        )
        .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        endpoint = "http://127.0.0.1:\(port)"
        log = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-moto-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Self.server.path, "-H", "127.0.0.1", "-p", port]
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let ready = try Shell.run(python, [Self.readback.path, "wait", endpoint])
        guard ready.status == 0 else {
            stop()
            throw Unavailable(description: "moto did not answer on \(endpoint) within 30 s")
        }
    }

    /// Stops the server this object started, and removes its log. moto's SIGTERM handler does
    /// not always end its request threads, so after 3 s the process is killed.
    public func stop() {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(3)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: log)
    }

    deinit { stop() }

    /// Forgets every object (moto's `/moto-api/reset`), so a second deployment with the same
    /// names can be applied on the same server without destroying the first.
    public func reset() throws {
        let post =
            "import sys, urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1], method='POST'))"
        let outcome = try Shell.run(python, ["-c", post, endpoint + "/moto-api/reset"])
        guard outcome.status == 0 else {
            throw Unavailable(description: "moto did not reset on \(endpoint):\n\(outcome.stderr)")
        }
    }

    /// Runs a mode of `moto-readback.py` against this server; its JSON report and exit status.
    func readback(_ arguments: [String]) throws -> (ok: Bool, report: [String: Any], text: String) {
        let outcome = try Shell.run(python, [Self.readback.path, arguments[0], endpoint] + arguments.dropFirst())
        guard let report = try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any] else {
            throw Unavailable(
                description:
                    """
                    moto-readback.py \(arguments[0]) failed (exit \
                    \(outcome.status)):\n\(outcome.stderr)\(outcome.stdout)
                    """
            )
        }
        return (outcome.status == 0, report, outcome.stdout)
    }
}
