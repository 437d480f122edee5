import HTTPTypes

/// What a path under `/v2/apps/` names. App IDs hold slashes (`/shop/web`), so, as in Marathon's
/// own routes (`{id:.+}/tasks`), the last segments decide: `…/restart` (a POST), `…/tasks`,
/// `…/tasks/{taskId}` (a DELETE), `…/versions` and `…/versions/{version}` (GETs); anything else
/// is the app itself. A router cannot say this: its
/// wildcard stops at the first segment that matches, so `/v2/apps/**/tasks` would end an ID that
/// holds a `tasks` segment early.
enum AppPath: Equatable {
    case app(id: [String])
    case restart(id: [String])
    case tasks(id: [String])
    case task(id: [String], task: String)
    case versions(id: [String])
    case version(id: [String], version: String)

    /// `segments` are the path's segments after `/v2/apps`, without empty ones.
    init(segments: [String], method: HTTPRequest.Method) {
        if segments.count >= 2, segments.last == "restart", method == .post {
            self = .restart(id: Array(segments.dropLast()))
        } else if segments.count >= 2, segments.last == "tasks" {
            self = .tasks(id: Array(segments.dropLast()))
        } else if segments.count >= 3, segments[segments.count - 2] == "tasks", method == .delete, let task = segments.last {
            self = .task(id: Array(segments.dropLast(2)), task: task)
        } else if segments.count >= 2, segments.last == "versions", method == .get {
            self = .versions(id: Array(segments.dropLast()))
        } else if segments.count >= 3, segments[segments.count - 2] == "versions", method == .get, let version = segments.last {
            self = .version(id: Array(segments.dropLast(2)), version: version)
        } else {
            self = .app(id: segments)
        }
    }
}
