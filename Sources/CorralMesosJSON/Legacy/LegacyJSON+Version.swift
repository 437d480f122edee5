import CorralModel

/// `/version`: `{"version":"1.11.0","build_date","build_time","build_user","git_sha",…}`.
///
/// `version` is always dotted integers (`VersionInfo.numericVersion`): pymesos reads it as such
/// before it subscribes and fails on anything else.
extension LegacyJSON {
    public static func version(_ master: MasterDescription) -> [UInt8] {
        version(master.versionInfo)
    }

    /// `/version` of any Corral server (the master's, an agent's).
    public static func version(_ info: VersionInfo) -> [UInt8] {
        var writer = MesosJSONWriter()
        writer.writeObject { $0.legacyBuild(info) }
        return writer.bytes
    }
}

extension MesosJSONWriter {
    /// A server's flags as the fields of the object being written, by name (a master's or an
    /// agent's `/state` and `/flags`).
    mutating func legacyFlags(_ flags: [String: String]) {
        for (name, value) in flags.sorted(by: { $0.key < $1.key }) {
            key(name)
            string(value)
        }
    }

    /// The build's fields, as `/version` and the `/state` of masters and agents open with them.
    mutating func legacyBuild(_ info: VersionInfo) {
        field("version", info.numericVersion)
        field("git_sha", ifPresent: info.gitSHA)
        field("git_branch", ifPresent: info.gitBranch)
        field("git_tag", ifPresent: info.gitTag)
        field("build_date", info.buildDate ?? "")
        field("build_time", info.buildTime ?? 0)
        field("build_user", info.buildUser ?? "")
    }
}
