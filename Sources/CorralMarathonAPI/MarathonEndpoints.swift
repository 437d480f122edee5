import CorralHTTPServer
import CorralModel
import CorralServices
import Foundation
import HTTPTypes
import Hummingbird

/// Marathon's v2 REST API over Services, as the `marathon` 0.13.0 Python client uses it: apps,
/// their tasks, deployments, and the server's info. Errors are Marathon's JSON: 404 for what
/// does not exist, 409 for an id taken, 422 with details for an invalid app, 400 for JSON that
/// does not parse.
struct MarathonEndpoints: Sendable {
    let services: ServicesFramework
    let info: @Sendable () async -> MarathonInfo
    let bodyLimit: Int

    func respond(to request: Request, path: String) async throws(HTTPProblem) -> Response? {
        var request = request
        let method = request.method
        switch path {
        case "/ping":
            try allow(method, [.get])
            return Response(status: .ok, headers: [.contentType: "text/plain"], body: ResponseBody(byteBuffer: ByteBuffer(string: "pong\n")))
        case "/v2/info":
            try allow(method, [.get])
            return try json(await info())
        case "/v2/leader":
            try allow(method, [.get])
            return try json(["leader": await info().leader])
        case "/v2/apps":
            try allow(method, [.get, .post, .put])
            if method == .get { return try json(["apps": await services.apps().map(MarathonJSON.App.init)]) }
            let body = try await request.body(upTo: bodyLimit)
            if method == .put { return try await putMany(body) }
            let definition = try decodeApp(body, merging: nil)
            do {
                return try json(MarathonJSON.App(snapshot: try await services.create(definition)), status: .created)
            } catch { throw problem(error) }
        case "/v2/tasks":
            try allow(method, [.get])
            return try json(["tasks": await allTasks()])
        case "/v2/tasks/delete":
            try allow(method, [.post])
            return try await killByIDs(try await request.body(upTo: bodyLimit), scale: flag(request, "scale"))
        case "/v2/deployments":
            try allow(method, [.get])
            return try json(await services.deployments().map(MarathonJSON.Deployment.init))
        case "/v2/queue":
            try allow(method, [.get])
            return try json(["queue": await services.apps().compactMap(MarathonJSON.QueueItem.init)])
        default:
            if path.hasPrefix("/v2/deployments/") {
                try allow(method, [.delete])
                return try await cancel(String(path.dropFirst("/v2/deployments/".count)), force: flag(request, "force"))
            }
            if path.hasPrefix("/v2/apps/") { return try await app(&request, path: String(path.dropFirst("/v2/apps".count))) }
            return nil
        }
    }

    // MARK: /v2/apps/{id}…

    /// `{id}`, `{id}/tasks`, `{id}/tasks/{taskId}` or `{id}/restart`; ids may hold slashes.
    private func app(_ request: inout Request, path: String) async throws(HTTPProblem) -> Response {
        let segments = path.split(separator: "/").map(String.init)
        let method = request.method
        do {
            if segments.count >= 2, segments.last == "restart", method == .post {
                let id = try appID(segments.dropLast())
                return try json(MarathonJSON.DeploymentRef(try await services.restart(id)))
            }
            if segments.count >= 2, segments.last == "tasks" {
                let id = try appID(segments.dropLast())
                try allow(method, [.get, .delete])
                if method == .get { return try json(["tasks": MarathonJSON.tasks(of: try await services.app(id))]) }
                // `host` narrows the kill to the tasks on that agent.
                var chosen: [TaskID]?
                if let host = request.uri.queryParameters["host"].map(String.init) {
                    chosen = try await services.app(id).instances.filter { $0.site.hostname == host && !$0.killing }.map(\.taskID)
                }
                let killed = chosen?.isEmpty == true ? [] : try await services.kill(chosen, of: id, scale: flag(request, "scale"))
                return try json(["tasks": killed.map { MarathonJSON.Task(instance: $0, checked: false) }])
            }
            if segments.count >= 3, segments[segments.count - 2] == "tasks", method == .delete {
                let id = try appID(segments.dropLast(2))
                let killed = try await services.kill([TaskID(segments.last!)], of: id, scale: flag(request, "scale"))
                return try json(["task": MarathonJSON.Task(instance: killed[0], checked: false)])
            }
            let id = try appID(segments[...])
            switch method {
            case .get:
                return try json(["app": MarathonJSON.App(snapshot: try await services.app(id))])
            case .put, .patch:
                let existing = try? await services.app(id).definition
                var definition = try decodeApp(try await request.body(upTo: bodyLimit), merging: existing)
                definition.id = id.path
                return try json(MarathonJSON.DeploymentRef(try await services.put(definition)))
            case .delete:
                return try json(MarathonJSON.DeploymentRef(try await services.delete(id)))
            default:
                throw HTTPProblem(.methodNotAllowed, "\(method) is not allowed on /v2/apps\(path); use GET, PUT or DELETE")
            }
        } catch let error as HTTPProblem {
            throw error
        } catch {
            throw problem(error)
        }
    }

    private func putMany(_ body: [UInt8]) async throws(HTTPProblem) -> Response {
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
            do { last = try await services.put(try decodeApp(bytes, merging: existing)) } catch let error as HTTPProblem { throw error } catch { throw problem(error) }
        }
        guard let last else { throw marathonProblem(.badRequest, "PUT /v2/apps got an empty array") }
        return try json(MarathonJSON.DeploymentRef(last))
    }

    private func killByIDs(_ body: [UInt8], scale: Bool) async throws(HTTPProblem) -> Response {
        struct IDs: Decodable { var ids: [String] }
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

    private func cancel(_ id: String, force: Bool) async throws(HTTPProblem) -> Response {
        do {
            guard let rollback = try await services.cancelDeployment(id, force: force) else { return .empty(.accepted) }
            return try json(MarathonJSON.DeploymentRef(rollback))
        } catch {
            throw problem(error)
        }
    }

    private func allTasks() async -> [MarathonJSON.Task] {
        await services.apps().flatMap(MarathonJSON.tasks(of:))
    }

    // MARK: Reading requests

    /// Decodes an app from JSON, over `existing` when given (a PUT changes only the keys it
    /// sends: `{"instances": 3}` scales). Types that do not fit are a 422 naming the field.
    private func decodeApp(_ body: [UInt8], merging existing: AppDefinition?) throws(HTTPProblem) -> AppDefinition {
        // Foundation refuses a whole document over one number beyond a Double (1e400) without
        // saying where: find it first, and name it as Marathon names fields.
        if let document = try? MesosJSON.parse(body), let (path, number) = Self.numberBeyondDouble(in: document) {
            throw marathonProblem(.unprocessableContent, "Object is not valid", details: [ValidationIssue(path: path, errors: ["\(number) is not a number this API can hold"])])
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            throw marathonProblem(.badRequest, "Invalid JSON: expected an app object like {\"id\": \"/web\", \"cmd\": \"...\"}")
        }
        var merged = object
        if let existing, let data = try? JSONEncoder().encode(existing), let base = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] {
            merged = base.merging(object) { _, new in new }
        }
        if merged["id"] == nil, existing == nil { merged["id"] = "" }
        do {
            let data = try JSONSerialization.data(withJSONObject: merged)
            return try JSONDecoder().decode(AppDefinition.self, from: data)
        } catch let error as DecodingError {
            let (path, message) = error.marathonDetail
            throw marathonProblem(.unprocessableContent, "Object is not valid", details: [ValidationIssue(path: path, errors: [message])])
        } catch {
            throw marathonProblem(.badRequest, "Invalid JSON: \(error)")
        }
    }

    /// The first number in `value` that no Double holds, with its path (`/healthChecks(0)/port`).
    static func numberBeyondDouble(in value: MesosJSONValue, at path: String = "") -> (String, String)? {
        switch value {
        case .number(let text):
            return (Double(text)?.isFinite ?? false) ? nil : (path.isEmpty ? "/" : path, text)
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = numberBeyondDouble(in: item, at: path + "(\(index))") { return found }
            }
            return nil
        case .object(let object):
            for member in object.members {
                if let found = numberBeyondDouble(in: member.value, at: path + "/" + member.key) { return found }
            }
            return nil
        case .null, .bool, .string:
            return nil
        }
    }

    private func appID(_ segments: ArraySlice<String>) throws(HTTPProblem) -> AppID {
        do { return try AppID(parsing: segments.joined(separator: "/")) } catch {
            throw marathonProblem(.unprocessableContent, "Object is not valid", details: [ValidationIssue(path: "/id", errors: [error.problem])])
        }
    }

    /// Query booleans as Python sends them (`force=False`): any case.
    private func flag(_ request: Request, _ name: String) -> Bool {
        request.uri.queryParameters[Substring(name)].map { $0.lowercased() == "true" || $0 == "1" } ?? false
    }

    private func allow(_ method: HTTPRequest.Method, _ allowed: [HTTPRequest.Method]) throws(HTTPProblem) {
        guard allowed.contains(method) else {
            throw HTTPProblem(.methodNotAllowed, "\(method) is not allowed here; use \(allowed.map(\.rawValue).joined(separator: " or "))")
        }
    }

    // MARK: Answers

    private func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws(HTTPProblem) -> Response {
        do { return .json(Array(try Self.encoder.encode(value)), status: status) } catch {
            throw HTTPProblem(.internalServerError, "Cannot encode the answer: \(error)")
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return encoder
    }()

    private func problem(_ error: any Error) -> HTTPProblem {
        switch error {
        case let problem as HTTPProblem: return problem
        case ServicesError.notFound(let message): return marathonProblem(.notFound, message)
        case ServicesError.conflict(let message): return marathonProblem(.conflict, message)
        case ServicesError.invalid(let invalid): return marathonProblem(.unprocessableContent, "Object is not valid", details: invalid.issues)
        default: return marathonProblem(.internalServerError, "\(error)")
        }
    }

    private func marathonProblem(_ status: HTTPResponse.Status, _ message: String, details: [ValidationIssue]? = nil) -> HTTPProblem {
        let body = (try? Self.encoder.encode(MarathonJSON.Problem(message: message, details: details))).map { [UInt8]($0) }
        return HTTPProblem(status, message, json: body)
    }
}

/// What `/v2/info` and `/v2/leader` say about this Services.
public struct MarathonInfo: Encodable, Sendable {
    public var name = "corral-services"
    public var version = "1.10.0"
    public var frameworkId: String?
    public var leader: String
    public var elected = true
    public var marathon_config: [String: String]
    public var http_config: [String: String]
    /// Services keeps its state in SQLite, not ZooKeeper; the client still expects the object.
    public var zookeeper_config: [String: String] = [:]

    public init(frameworkID: String?, leader: String, master: String) {
        frameworkId = frameworkID
        self.leader = leader
        marathon_config = ["master": master, "framework_name": "services"]
        http_config = ["http_port": String(leader.split(separator: ":").last ?? "")]
    }
}

extension DecodingError {
    /// Where a JSON value did not fit, as a Marathon detail path (`/cpus`), and what was wrong.
    var marathonDetail: (path: String, message: String) {
        func path(_ keys: [any CodingKey]) -> String { "/" + keys.map { $0.intValue.map { "(\($0))" } ?? $0.stringValue }.joined(separator: "/") }
        switch self {
        case .typeMismatch(let type, let context): return (path(context.codingPath), "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context): return (path(context.codingPath), "expected \(type), got null")
        case .keyNotFound(let key, let context): return (path(context.codingPath + [key]), "is required")
        case .dataCorrupted(let context): return (path(context.codingPath), context.debugDescription)
        @unknown default: return ("/", "\(self)")
        }
    }
}
