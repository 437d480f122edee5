import CorralHTTPServer
import CorralModel
import CorralServices
import Foundation
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
                return try json(MarathonJSON.DeploymentRef(try await services.restart(try appID(id), force: flag(request, "force"))))
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
            case .versions(let id):
                return try json(["versions": try await services.versions(of: try appID(id)).map(\.version)])
            case .version(let id, let version):
                let id = try appID(id)
                guard let found = try await services.versions(of: id).first(where: { $0.version == version }) else {
                    throw ServicesError.notFound("App '\(id)' does not exist in version '\(version)'")
                }
                return try json(MarathonJSON.VersionedApp(found))
            case .app(let segments):
                let id = try appID(segments)
                switch method {
                case .get:
                    let embed = try AppEmbed.requested(by: request, base: AppEmbed.single)
                    let now = Time(seconds: Date().timeIntervalSince1970)
                    return try json(["app": MarathonJSON.App(snapshot: try await services.app(id), embed: embed, now: now)])
                case .put, .patch:
                    return try await put(request, id)
                case .delete:
                    return try json(MarathonJSON.DeploymentRef(try await services.delete(id, force: flag(request, "force"))))
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

extension MarathonEndpoints {
    /// `PUT /v2/apps/{id}`: changes the keys it sends (200), or creates the app (201, with its
    /// Location); either way the answer is the deployment. A change while a deployment of the
    /// app runs is a 409 unless `force`.
    func put(_ request: Request, _ id: AppID) async throws -> Response {
        var request = request
        let existing = try? await services.app(id).definition
        var definition = try decodeApp(try await request.body(upTo: bodyLimit), merging: existing)
        definition.id = id.path
        let deployment = try await services.put(definition, force: flag(request, "force"))
        services.announce(.apiPost(definition, uri: request.uri.path, clientIP: ClientAddressMiddleware.current))
        guard existing == nil else { return try json(MarathonJSON.DeploymentRef(deployment)) }
        var response = try json(MarathonJSON.DeploymentRef(deployment), status: .created)
        response.headers[.location] = "/v2/apps\(id.path)"
        return response
    }
}
