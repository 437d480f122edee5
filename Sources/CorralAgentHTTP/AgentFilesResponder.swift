import CorralHTTPServer
import CorralMesosJSON
import CorralModel
import Foundation
import Hummingbird

/// `GET /files/read?path=/frameworks/<framework>/tasks/<task>/<stdout|stderr>&offset=N&length=M`
/// answers `{"data": "...", "offset": N}` as Mesos does; `offset=-1` asks only for the size.
/// Only sandbox files can be read: the path is virtual, never a file system path.
struct AgentFilesResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let workDirectory: String
    let agentID: @Sendable () async -> AgentID?
    let authenticator: HTTPAuthenticator
    let acls: ACLs
    let prometheus: AgentPrometheusEndpoint

    func respond(to request: Request, context: Context) async throws -> Response {
        do {
            switch request.normalizedPath {
            case "/health":
                return .empty(.ok)
            case "/metrics":
                return try await prometheus.respond(to: request)
            case "/files/read", "/files/read.json":
                guard request.method == .get else { throw HTTPProblem(.methodNotAllowed, "Expecting a 'GET' request", headers: [.allow: "GET"]) }
                let principal = try authenticator.principal(of: request, realm: MesosRealm.agentReadonly)
                return try await read(request, principal: principal)
            default:
                throw HTTPProblem(.notFound, "No such endpoint: \(request.uri.path)")
            }
        } catch let problem as HTTPProblem {
            return problem.response
        }
    }

    private func read(_ request: Request, principal: String?) async throws -> Response {
        let query = request.uri.queryParameters
        guard let path = query["path"].map(String.init) else { throw HTTPProblem(.badRequest, "Expecting 'path' in the query") }
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count == 5, parts[0] == "frameworks", parts[2] == "tasks", ["stdout", "stderr"].contains(parts[4]),
            !parts.contains(".."), let agentID = await agentID()
        else { throw HTTPProblem(.notFound, "No such file: \(path); expected /frameworks/<framework>/tasks/<task>/stdout or stderr") }
        let sandbox = Sandbox(workDirectory: workDirectory, agentID: agentID, frameworkID: FrameworkID(parts[1]), taskID: TaskID(parts[3]))
        let file = parts[4] == "stdout" ? sandbox.stdoutPath : sandbox.stderrPath
        // The task owns its sandbox and may have put anything where its output was: only a
        // regular file is read, never what a symlink points to, and a FIFO cannot block us.
        let descriptor = open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw HTTPProblem(.notFound, "No such file: \(path)") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw HTTPProblem(.badRequest, "Not a regular file: \(path)")
        }
        // The sandbox belongs to the user its task runs as: `access_sandboxes` is about them.
        let owner = SystemUser.name(of: status.st_uid) ?? "\(status.st_uid)"
        guard acls.allows(.accessSandboxes, principal: principal, object: owner) else {
            throw HTTPProblem(.forbidden, "Principal '\(principal ?? "anonymous")' may not read the sandboxes of user '\(owner)'")
        }
        let size = Int((try? handle.seekToEnd()) ?? 0)
        guard let offset = Int(query["offset"] ?? "0"), let requested = Int(query["length"] ?? "\(1 << 20)") else {
            throw HTTPProblem(.badRequest, "offset and length must be integers, got offset=\(query["offset"] ?? "") length=\(query["length"] ?? "")")
        }
        let length = min(requested, 4 << 20)
        guard offset >= 0 else { return .json(Array(#"{"data":"","offset":\#(size)}"#.utf8)) }
        try handle.seek(toOffset: UInt64(min(offset, size)))
        let data = (try handle.read(upToCount: max(0, length))) ?? Data()
        var writer = MesosJSONWriter()
        writer.writeObject { writer in
            writer.field("data", String(decoding: data, as: UTF8.self))
            writer.field("offset", Int64(min(offset, size)))
        }
        return .json(writer.bytes)
    }
}
