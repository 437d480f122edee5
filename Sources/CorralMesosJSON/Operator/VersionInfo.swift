import CorralModel

/// Mesos's `VersionInfo`: what GET_VERSION, `/version` and `/master/state` say about the build.
///
/// Clients parse `version` as dotted integers (pymesos does, before it subscribes), so every
/// endpoint writes `numericVersion`, never a free-form tag such as `1.11.0-corral`.
public struct VersionInfo: Hashable, Sendable {
    public var version: String
    /// `2024-05-01 12:00:00`, as Mesos's build stamps it.
    public var buildDate: String?
    /// Seconds since the epoch.
    public var buildTime: Double?
    public var buildUser: String?
    public var gitSHA: String?
    public var gitBranch: String?
    public var gitTag: String?

    public init(
        version: String, buildDate: String? = nil, buildTime: Double? = nil, buildUser: String? = nil,
        gitSHA: String? = nil, gitBranch: String? = nil, gitTag: String? = nil
    ) {
        self.version = version
        self.buildDate = buildDate
        self.buildTime = buildTime
        self.buildUser = buildUser
        self.gitSHA = gitSHA
        self.gitBranch = gitBranch
        self.gitTag = gitTag
    }

    /// The leading dotted-integer part of `version` (`1.11.0-dev` → `1.11.0`), or `0.0.0` when
    /// it starts with no digit at all.
    public var numericVersion: String {
        var end = version.startIndex
        var sawDigit = false
        var index = version.startIndex
        while index < version.endIndex {
            let character = version[index]
            if character.isASCII, character.isNumber {
                sawDigit = true
                index = version.index(after: index)
                end = index
            } else if character == ".", sawDigit {
                // A dot counts only once a digit follows it: `1.` stays `1`.
                sawDigit = false
                index = version.index(after: index)
            } else {
                break
            }
        }
        return end == version.startIndex ? "0.0.0" : String(version[..<end])
    }
}

/// `{"version","build_date","build_time","build_user","git_sha","git_branch","git_tag"}`.
extension VersionInfo: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("version", numericVersion)
            writer.field("build_date", ifPresent: buildDate)
            writer.field("build_time", ifPresent: buildTime)
            writer.field("build_user", ifPresent: buildUser)
            writer.field("git_sha", ifPresent: gitSHA)
            writer.field("git_branch", ifPresent: gitBranch)
            writer.field("git_tag", ifPresent: gitTag)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(
            version: try object.required("version"),
            buildDate: try object.optional("build_date"),
            buildTime: try object.optional("build_time"),
            buildUser: try object.optional("build_user"),
            gitSHA: try object.optional("git_sha"),
            gitBranch: try object.optional("git_branch"),
            gitTag: try object.optional("git_tag")
        )
    }
}
