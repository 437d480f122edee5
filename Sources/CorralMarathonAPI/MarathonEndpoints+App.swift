import CorralHTTPServer
import CorralModel
import CorralServices
import HTTPTypes
import Hummingbird

extension MarathonEndpoints {
    /// `/v2/apps/{id}`, `{id}/tasks`, `{id}/tasks/{taskId}` and `{id}/restart`, whatever the method:
    /// `path` decides which (see `AppPath`), and a method it does not take is a 405.
    func app(_ request: Request, _ path: AppPath) async throws(HTTPProblem) -> Response {
        let method = request.method
        do {
            switch path {
            case .restart(let id):
                return try json(MarathonJSON.DeploymentRef(try await services.restart(try appID(id))))
            case .tasks(let id):
                let id = try appID(id)
                guard method == .get || method == .delete else { throw methodNotAllowed(method, [.get, .delete]) }
                if method == .get { return try json(["tasks": MarathonJSON.tasks(of: try await services.app(id))]) }
                // `host` narrows the kill to the tasks on that agent.
                var chosen: [TaskID]?
                if let host = request.uri.queryParameters["host"].map(String.init) {
                    chosen = try await services.app(id).instances.filter { $0.site.hostname == host && !$0.killing }.map(\.taskID)
                }
                let killed = chosen?.isEmpty == true ? [] : try await services.kill(chosen, of: id, scale: flag(request, "scale"))
                return try json(["tasks": killed.map { MarathonJSON.Task(instance: $0, checked: false) }])
            case .task(let id, let task):
                let id = try appID(id)
                let killed = try await services.kill([TaskID(task)], of: id, scale: flag(request, "scale"))
                guard let instance = killed.first else { throw ServicesError.notFound("Task '\(task)' of app '\(id)' does not exist") }
                return try json(["task": MarathonJSON.Task(instance: instance, checked: false)])
            case .app(let segments):
                let id = try appID(segments)
                switch method {
                case .get:
                    return try json(["app": MarathonJSON.App(snapshot: try await services.app(id))])
                case .put, .patch:
                    var request = request
                    let existing = try? await services.app(id).definition
                    var definition = try decodeApp(try await request.body(upTo: bodyLimit), merging: existing)
                    definition.id = id.path
                    return try json(MarathonJSON.DeploymentRef(try await services.put(definition)))
                case .delete:
                    return try json(MarathonJSON.DeploymentRef(try await services.delete(id)))
                default:
                    let shown = "/" + segments.joined(separator: "/")
                    throw HTTPProblem(.methodNotAllowed, "\(method) is not allowed on /v2/apps\(shown); use GET, PUT or DELETE")
                }
            }
        } catch let error as HTTPProblem {
            throw error
        } catch {
            throw problem(error)
        }
    }
}
