import CorralHTTPServer
import CorralModel
import CorralServices
import Foundation
import HTTPTypes
import Hummingbird

/// `/v2/groups` and `/v2/groups/{id}`, whatever the method: `GET` the group (the root for
/// `/v2/groups`), its versions or its apps, `POST` a new group (201), `PUT` create or change one (200),
/// `DELETE` one with all its apps; the changes answer `{"version", "deploymentId"}`.
extension MarathonEndpoints {
    func groups(_ request: Request, _ path: GroupPath) async throws(HTTPProblem) -> Response {
        do {
            switch path {
            case .versions(let segments):
                return try json(try await services.groupVersions(try groupID(segments)))
            case .version(let segments, let version):
                let past = try await services.group(try groupID(segments), at: version)
                return try json(MarathonJSON.GroupAtVersion(past: past, id: past.id))
            case .rollback(let segments, let version):
                let update = GroupUpdate(version: version)
                return try json(MarathonJSON.DeploymentRef(try await services.changeGroup(update, at: try groupID(segments), creating: false, force: flag(request, "force"))))
            case .apps(let segments):
                // Marathon's list: an array of the apps in the group and below.
                let embed = try GroupEmbed.requested(by: request).appEmbed
                let now = Time(seconds: Date().timeIntervalSince1970)
                return try json(try await services.apps(in: try groupID(segments)).map { MarathonJSON.App(snapshot: $0, embed: embed, now: now) })
            case .group(let segments):
                let id = try groupID(segments)
                switch request.method {
                case .get:
                    let embed = try GroupEmbed.requested(by: request)
                    let now = Time(seconds: Date().timeIntervalSince1970)
                    return try json(MarathonJSON.Group(snapshot: try await services.group(id), embed: embed, now: now))
                case .post: return try await changeGroup(request, at: id, creating: true)
                case .put, .patch: return try await changeGroup(request, at: id, creating: false)
                case .delete: return try json(MarathonJSON.DeploymentRef(try await services.deleteGroup(id, force: flag(request, "force"))))
                default:
                    throw HTTPProblem(.methodNotAllowed, "\(request.method) is not allowed on /v2/groups\(id.isRoot ? "" : id.path); use GET, POST, PUT or DELETE")
                }
            }
        } catch let error as HTTPProblem {
            throw error
        } catch {
            throw problem(error)
        }
    }

    /// POST answers 201 with the new group's Location, PUT 200. A PUT with `dryRun=true` only
    /// answers the steps the change would take, as Marathon's `{"steps": [...]}` (POST has no
    /// dry run in Marathon, and ignores it).
    private func changeGroup(_ request: Request, at base: GroupID, creating: Bool) async throws -> Response {
        var request = request
        let update = try decodeGroup(try await request.body(upTo: bodyLimit))
        if !creating, flag(request, "dryRun") {
            let steps = try await services.plannedSteps(of: update, at: base)
            return try json(["steps": steps.map { MarathonEvents.Plan.step($0) }])
        }
        let deployment = try await services.changeGroup(update, at: base, creating: creating, force: flag(request, "force"))
        guard creating else { return try json(MarathonJSON.DeploymentRef(deployment)) }
        var response = try json(MarathonJSON.DeploymentRef(deployment), status: .created)
        let created = (try? GroupID(resolving: update.id ?? "", in: base)) ?? base
        response.headers[.location] = "/v2/groups\(created.isRoot ? "" : created.path)"
        return response
    }

    func groupID(_ segments: [String]) throws(HTTPProblem) -> GroupID {
        do { return try GroupID(parsing: segments.joined(separator: "/")) } catch {
            throw marathonProblem(.unprocessableContent, "Object is not valid", details: [ValidationIssue(path: "/id", errors: [error.problem])])
        }
    }
}
