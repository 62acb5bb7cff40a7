import Foundation
import HPCCompiler
import Testing
import TestSupport

/// No emitted file of any shipped blueprint holds key material, a password or a cloud credential:
/// secrets are made by the cloud (RDS-managed passwords, EC2-generated keys) and only named.
@Suite("No secrets in the output")
struct SecretScanTests {
    /// What a secret looks like in text, and what it is.
    static let patterns: [(regex: String, what: String)] = [
        (#"-----BEGIN [A-Z ]*PRIVATE KEY-----"#, "PEM private key"),
        (#"\b(AKIA|ASIA)[0-9A-Z]{16}\b"#, "AWS access key id"),
        (#"(?i)"(master_)?password"\s*:"#, "a password attribute"),
        (#"(?i)"secret_string"\s*:"#, "a secret value set from Terraform"),
        (#"(?i)^\s*StoragePass\s*=\s*\S"#, "a slurmdbd password"),
        (
            #"(?i)^\s*(password|phash)\s*=\s*(?!\{(file|phash-of-file):/)\S"#,
            "an INI password (HPCStats) other than the file holding it"
        ),
        (#"(?i)aws_secret_access_key|"private_key(_pem|_openssh)?"\s*:"#, "a private key or secret key attribute"),
        (#"\bgh[pousr]_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{40,}"#, "a GitHub token"),
        (#"\bAIza[0-9A-Za-z_-]{35}\b"#, "a Google API key"),
        (#""type"\s*:\s*"service_account"|"private_key_id"\s*:"#, "a Google service account key file"),
        (#"\bxox[abprs]-[0-9A-Za-z-]{10,}"#, "a Slack token"),
        (#"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"#, "a JSON web token"),
        (#"(?i)(mysql|postgres(ql)?|mongodb|redis|amqp)://[^/\s:@]+:[^@\s/]+@"#, "a URL with a password"),
    ]

    /// Every line of `text` that looks like a secret.
    static func findings(in text: String) throws -> [String] {
        var found: [String] = []
        for (pattern, what) in patterns {
            let regex = try Regex(pattern).anchorsMatchLineEndings()
            for line in text.split(separator: "\n") where line.contains(regex) {
                found.append("\(what): \(line.prefix(120))")
            }
        }
        return found
    }

    @Test(arguments: Repository.blueprintNames)
    func emittedFilesHoldNoSecrets(_ name: String) throws {
        let result = try Repository.compile(name)
        for file in result.files {
            #expect(try Self.findings(in: file.text).isEmpty, "\(name)/\(file.path)")
        }
    }

    @Test("the scan finds what it looks for")
    func scanFindsSecrets() throws {
        let planted = [
            "-----BEGIN OPENSSH PRIVATE KEY-----", "key = AKIAABCDEFGHIJKLMNOP", #"  "password": "hunter2","#,
            #""master_password": "x""#, #""secret_string": "{}""#, "StoragePass=s3cret", "password = hunter2",
            "phash = M3YjOTR3ZCI1Szxs",
            "token: ghp_" + String(repeating: "a1B2", count: 9), "key=AIza" + String(repeating: "x", count: 35),
            #""type": "service_account","#,
            "xoxb-1234567890-abcdefghij", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N",
            "url: postgres://stats:s3cret@db:5432/x",
        ]
        for line in planted {
            #expect(try Self.findings(in: "a\n\(line)\nb").count == 1, "\(line)")
        }
        #expect(try Self.findings(in: #""manage_master_user_password": true"#).isEmpty)
        #expect(
            try Self.findings(
                in: "password = {file:/etc/hpcstats/db.password}\nphash = {phash-of-file:/etc/hpcstats/ldap.password}"
            ).isEmpty)
    }
}
