import CorralHTTPServer
import HTTPTypes
import Hummingbird

/// What a path under `/v2/groups/` names: as in Marathon's own routes, a GET of `versions`
/// lists the group's versions, of `versions/{version}` shows one, of `apps` lists its apps;
/// anything else is the group itself (so a GET cannot reach a group named `versions` or
/// `apps`, as in Marathon).
/// A PUT of `{id}/versions/{version}` (Marathon 0.7's rollback, which the `marathon` Python
/// client's `rollback_group` still calls) rolls the group back as `{"version"}` does.
enum GroupPath: Equatable {
    case group(id: [String])
    case versions(id: [String])
    case apps(id: [String])
    case version(id: [String], version: String)
    case rollback(id: [String], version: String)

    init(segments: [String], method: HTTPRequest.Method) {
        let above = Array(segments.dropLast())
        switch (method, segments.last) {
        case (.get, "versions"): self = .versions(id: above)
        case (.get, "apps"): self = .apps(id: above)
        case (.get, let version?) where above.last == "versions": self = .version(id: Array(above.dropLast()), version: version)
        case (.put, let version?) where above.last == "versions" || above.last == "version": self = .rollback(id: Array(above.dropLast()), version: version)
        default: self = .group(id: segments)
        }
    }
}

/// Marathon's `embed` for groups: `group.groups` and `group.apps` (and `group.pods`, always
/// empty here) say what a group carries, `group.apps.<embed>` what each of its apps carries
/// (as `apps.<embed>` does for `/v2/apps`). Without any, a group carries its apps, groups and
/// pods, and its apps nothing more.
struct GroupEmbed: Equatable {
    var apps = true
    var groups = true
    var pods = true
    var appEmbed: Set<AppEmbed> = []

    static func requested(by request: Request) throws(HTTPProblem) -> GroupEmbed {
        let values = request.uri.queryParameters.getAll("embed")
        guard !values.isEmpty else { return GroupEmbed() }
        var embed = GroupEmbed(apps: false, groups: false, pods: false)
        for value in values {
            switch value {
            case "group.apps": embed.apps = true
            case "group.groups": embed.groups = true
            case "group.pods": embed.pods = true
            default:
                guard value.hasPrefix("group.apps."), let app = AppEmbed(query: String(value.dropFirst("group.".count))) else {
                    let known = ["group.apps", "group.groups", "group.pods"] + AppEmbed.allCases.map { "group.apps.\($0.rawValue)" }
                    throw HTTPProblem(.badRequest, "Unknown embed '\(value)' (embed); expected one of \(known.joined(separator: ", "))")
                }
                embed.appEmbed.insert(app)
            }
        }
        return embed
    }
}
