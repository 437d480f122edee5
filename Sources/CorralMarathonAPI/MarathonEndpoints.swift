import CorralHTTPServer
import CorralModel
import CorralServices
import Foundation
import HTTPTypes
import Hummingbird

/// Marathon's v2 REST API over Services, as the `marathon` 0.13.0 Python client uses it: apps,
/// their tasks, deployments, and the server's info. Errors are Marathon's JSON: 404 for what
/// does not exist, 409 for an id taken, 422 with details for an invalid app, 400 for JSON that
/// does not parse. `MarathonRoutes` says which path and method reach each.
struct MarathonEndpoints: Sendable {
    let services: ServicesFramework
    let info: @Sendable () async -> MarathonInfo
    let bodyLimit: Int
    /// When this API started serving, for the uptime `/metrics` reports.
    var startedAt = Date()

    /// `GET /metrics`: Marathon's JSON of Services' metrics.
    func metrics() async throws(HTTPProblem) -> Response {
        try json(MarathonMetrics(await services.metrics(), uptimeSeconds: Date().timeIntervalSince(startedAt)))
    }

    /// `GET /ping`, for load balancers: the JSON string `"pong"` to a client whose Accept names
    /// JSON (Marathon's clients send `Accept: application/json` and parse the answer), plain
    /// `pong` to anyone else (`*/*` included: curl and health checkers read text).
    func ping(_ request: Request) -> Response {
        let wantsJSON = request.headers[.accept].map { accept in
            accept.split(separator: ",").contains { $0.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() == "application/json" }
        } ?? false
        if wantsJSON { return .json(Array(#""pong""#.utf8)) }
        return Response(status: .ok, headers: [.contentType: "text/plain"], body: ResponseBody(byteBuffer: ByteBuffer(string: "pong")))
    }

    /// `GET /v2/info`.
    func serverInfo() async throws(HTTPProblem) -> Response { try json(await info()) }

    /// `GET /v2/leader`: this Services always leads.
    func leader() async throws(HTTPProblem) -> Response { try json(["leader": await info().leader]) }

    // MARK: /v2/apps

    /// `GET /v2/apps`: the apps the `id`, `cmd` and `label` filters admit, each with its counts
    /// and deployments and what `embed` asks for.
    func apps(_ request: Request) async throws(HTTPProblem) -> Response {
        let filter = try AppFilter(request)
        let embed = try AppEmbed.requested(by: request, base: AppEmbed.listing)
        let now = Time(seconds: Date().timeIntervalSince1970)
        let apps = await services.apps().filter { filter.admits($0.definition) }
        return try json(["apps": apps.map { MarathonJSON.App(snapshot: $0, embed: embed, now: now) }])
    }

    /// `POST /v2/apps`: one new app, 201 with it as Services stored it.
    func create(_ request: Request) async throws(HTTPProblem) -> Response {
        var request = request
        let definition = try decodeApp(try await request.body(upTo: bodyLimit), merging: nil)
        do {
            let created = try await services.create(definition)
            // As Marathon: an api_post_event for a post that was taken, not for one refused.
            services.announce(.apiPost(created.definition, uri: request.uri.path, clientIP: ClientAddressMiddleware.current))
            return try json(MarathonJSON.App(snapshot: created, embed: AppEmbed.single), status: .created)
        } catch { throw problem(error) }
    }

    /// `PUT /v2/apps`: a JSON array of apps, each created or changed; answers the last deployment.
    func putMany(_ request: Request) async throws(HTTPProblem) -> Response {
        var request = request
        let body = try await request.body(upTo: bodyLimit)
        guard let array = (try? JSONSerialization.jsonObject(with: Data(body))) as? [Any] else {
            throw marathonProblem(.badRequest, "PUT /v2/apps takes a JSON array of apps")
        }
        var last: Deployment?
        for (index, element) in array.enumerated() {
            // Foundation's writer stops the process on anything but an object or array at the top.
            guard let item = element as? [String: Any] else {
                throw marathonProblem(.unprocessableContent, "Object is not valid", details: [ValidationIssue(path: "/(\(index))", errors: ["must be an app object"])])
            }
            let bytes = (try? JSONSerialization.data(withJSONObject: item)).map { [UInt8]($0) } ?? []
            let id = item["id"] as? String
            var existing: AppDefinition?
            if let id, let appID = try? AppID(parsing: id) { existing = try? await services.app(appID).definition }
            do {
                let definition = try decodeApp(bytes, merging: existing)
                last = try await services.put(definition, force: flag(request, "force"))
                services.announce(.apiPost(definition, uri: request.uri.path, clientIP: ClientAddressMiddleware.current))
            } catch let error as HTTPProblem { throw error } catch { throw problem(error) }
        }
        guard let last else { throw marathonProblem(.badRequest, "PUT /v2/apps got an empty array") }
        return try json(MarathonJSON.DeploymentRef(last))
    }

    // MARK: /v2/tasks, /v2/queue, /v2/deployments

    /// `GET /v2/tasks`: every app's tasks.
    func tasks() async throws(HTTPProblem) -> Response {
        try json(["tasks": await services.apps().flatMap(MarathonJSON.tasks(of:))])
    }

    /// `POST /v2/tasks/delete`: kills the tasks `{"ids": [...]}` names, whichever app they are of.
    func killByIDs(_ request: Request) async throws(HTTPProblem) -> Response {
        struct IDs: Decodable { var ids: [String] }
        var request = request
        let body = try await request.body(upTo: bodyLimit)
        let scale = flag(request, "scale")
        guard let ids = try? JSONDecoder().decode(IDs.self, from: Data(body)) else {
            throw marathonProblem(.badRequest, "POST /v2/tasks/delete takes {\"ids\": [task ids]}")
        }
        var killed: [AppInstance] = []
        for snapshot in await services.apps() {
            let mine = snapshot.instances.map(\.taskID).filter { ids.ids.contains($0.value) }
            guard !mine.isEmpty else { continue }
            killed += (try? await services.kill(mine, of: snapshot.id, scale: scale)) ?? []
        }
        return try json(["tasks": killed.map { MarathonJSON.Task(instance: $0, checked: false) }])
    }

    /// `GET /v2/queue`: apps with instances still to launch.
    func queue() async throws(HTTPProblem) -> Response {
        try json(["queue": await services.apps().compactMap(MarathonJSON.QueueItem.init)])
    }

    /// `GET /v2/deployments`.
    func deployments() async throws(HTTPProblem) -> Response {
        let all = await services.deployments()
        let steps = await services.groupChangeSteps()
        let byID = Dictionary(grouping: all, by: \.id)
        var seen = Set<String>()
        let ids = all.map(\.id).filter { seen.insert($0).inserted }
        let readiness = Dictionary(await services.apps().map { ($0.id, $0.readiness) }, uniquingKeysWith: { first, _ in first })
        return try json(ids.compactMap { id in byID[id].map { MarathonJSON.Deployment($0, steps: steps[id], readiness: readiness) } })
    }

    /// `DELETE /v2/deployments/{id}`: rolls the change back (answers the rollback's deployment),
    /// or with `force` just stops it (202).
    func cancelDeployment(_ id: String, _ request: Request) async throws(HTTPProblem) -> Response {
        do {
            guard let rollback = try await services.cancelDeployment(id, force: flag(request, "force")) else { return .empty(.accepted) }
            return try json(MarathonJSON.DeploymentRef(rollback))
        } catch {
            throw problem(error)
        }
    }
}
