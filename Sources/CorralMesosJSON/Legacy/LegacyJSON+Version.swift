import CorralModel

/// `/version`: `{"version":"1.11.0","build_date","build_time","build_user","git_sha",…}`.
///
/// `version` is always dotted integers (`VersionInfo.numericVersion`): pymesos reads it as such
/// before it subscribes and fails on anything else.
extension LegacyJSON {
    public static func version(_ master: MasterDescription) -> [UInt8] {
        let info = master.versionInfo
        var writer = MesosJSONWriter()
        writer.writeObject { writer in
            writer.field("version", info.numericVersion)
            writer.field("build_date", info.buildDate ?? "")
            writer.field("build_time", info.buildTime ?? 0)
            writer.field("build_user", info.buildUser ?? "")
            writer.field("git_sha", ifPresent: info.gitSHA)
            writer.field("git_branch", ifPresent: info.gitBranch)
            writer.field("git_tag", ifPresent: info.gitTag)
        }
        return writer.bytes
    }
}
