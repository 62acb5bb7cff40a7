/// The `hpcstats/` folder: an architecture file per cluster, `hpcstats.conf` naming the files
/// that hold its passwords instead of holding them, and `install.sh`, which installs both with
/// the passwords read on the HPCStats host.
enum HPCStatsEmitter {
    static let mainPath = "hpcstats/hpcstats.conf"
    static let installerPath = "hpcstats/install.sh"

    static func emit(_ deployment: Deployment) -> [OutputFile] {
        guard let setup = deployment.hpcStats else { return [] }
        return setup.clusters.map {
            OutputFile(path: ArchitectureFile.path($0), text: ArchitectureFile.text($0, deployment: deployment))
        } + [
            OutputFile(path: mainPath, text: mainConfiguration(setup, deployment: deployment)),
            OutputFile(
                path: installerPath, text: HPCStatsInstaller.script(setup, deployment: deployment), executable: true),
        ]
    }

    /// A password option's value: the file the installer reads it from.
    static func secret(_ file: String) -> String { "{file:\(file)}" }

    /// The LDAP bind password, which HPCStats reads encoded (`phash`).
    static func encodedSecret(_ file: String) -> String { "{phash-of-file:\(file)}" }

    static func mainConfiguration(_ setup: HPCStatsSetup, deployment: Deployment) -> String {
        var ini = INIWriter()
        ini.comment(
            """
            HPCStats configuration, compiled by hpcc from blueprint \(deployment.blueprintName) (deployment \
            \(deployment.name)).
            """
        )
        ini.comment(
            """
            Passwords are not here: {file:PATH} names the file holding one, and install.sh puts it in when it installs \
            this file.
            """
        )
        ini.section("clusters")
        ini.set("clusters", setup.clusters.map(\.name))
        ini.section("hpcstatsdb")
        ini.set("hostname", setup.database.host)
        ini.set("port", setup.database.port)
        ini.set("dbname", setup.database.name)
        ini.set("user", setup.database.user)
        ini.set("password", secret(setup.database.passwordFile))
        for cluster in setup.clusters {
            ini.section(cluster.name)
            ini.set("architecture", "archfile")
            ini.set("users", setup.users.importer.rawValue)
            ini.set("fsusage", "dummy")
            ini.set("fsquota", "dummy")
            ini.set("events", "slurm")
            ini.set("jobs", "slurm")
            ini.section("\(cluster.name)/archfile")
            ini.set("file", setup.architectureFile(cluster))
            ini.section("\(cluster.name)/slurm")
            ini.set("host", cluster.accounting.host)
            ini.set("port", cluster.accounting.port)
            ini.set("name", cluster.accounting.database)
            ini.set("prefix", cluster.accounting.tablePrefix)
            ini.set("user", setup.accountingUser)
            ini.set("password", secret(setup.accountingPasswordFile))
            ini.set("window_size", setup.windowSize)
            ini.section("\(cluster.name)/ldap")
            let users = setup.users
            ini.set("url", users.url)
            ini.set("basedn", users.baseDN)
            ini.set("dn", users.bindDN)
            ini.set("phash", encodedSecret(users.passwordFile))
            ini.set("group_dpt_search", users.departmentSearch)
            ini.set("group_dpt_regexp", users.departmentPattern)
            if !users.groups.isEmpty { ini.set("groups", users.groups) }
            if let certificate = users.certificate { ini.set("cert", certificate) }
        }
        return ini.text
    }
}
