import CorralHTTPServer
import CorralMesosJSON
import CorralModel
import Foundation
import Hummingbird

/// Mesos's files API over task sandboxes (see `SandboxPath` for the paths it takes):
/// - `GET /files/browse?path=` lists a directory (`SandboxListing`);
/// - `GET /files/read?path=&offset=&length=` answers `{"data","offset"}`: `offset=-1` (or none)
///   asks for the size only (`data` empty, `offset` the size), `length=-1` (or none) reads to
///   the end, at most 4 MiB at a time; a directory is a 400. `data` holds the file's bytes as
///   they are, as Mesos's does, even those that are not UTF-8;
/// - `GET /files/download?path=` sends the file's bytes as an attachment.
/// Each also answers as `….json`. Only regular files and directories are served (see
/// `SandboxEntry`), and a principal sees a sandbox only as `access_sandboxes` allows for the
/// user its task runs as.
struct AgentFilesEndpoint: Sendable {
    let workDirectory: String
    let agentID: @Sendable () async -> AgentID?
    let acls: ACLs

    /// At most this much is read at once; Mesos reads 16 pages, Corral's own readers more.
    static let readLimit = 4 << 20

    /// What `/files/<operation>` (or `/files/<operation>.json`, as Mesos also serves it) does.
    enum Operation: String, CaseIterable {
        case browse, read, download
    }

    func respond(to request: Request, operation: Operation, principal: String?) async throws(HTTPProblem) -> Response {
        guard request.method == .get || request.method == .head else {
            throw HTTPProblem(.methodNotAllowed, "Expecting a 'GET' request, received '\(request.method)'", headers: [.allow: "GET"])
        }
        let query = request.uri.queryParameters
        guard let requested = query["path"].map(String.init), !requested.isEmpty else {
            throw HTTPProblem(.badRequest, "Expecting 'path=value' in the query")
        }
        // A missing agent ID means no task ever ran here: there is no sandbox to name.
        guard let agentID = await agentID() else { throw SandboxPath.notFound(requested) }
        let path = try SandboxPath(requested, workDirectory: workDirectory, agentID: agentID)
        // `access_sandboxes` is about the user the sandbox's task runs as, whoever owns the file
        // asked for: a task can put files of other users in its sandbox (hard links).
        let entry = try SandboxEntry(path) { (taskUser: String) throws(HTTPProblem) in
            guard acls.allows(.accessSandboxes, principal: principal, object: taskUser) else {
                throw HTTPProblem(.forbidden, "Principal '\(principal ?? "anonymous")' may not read the sandboxes of user '\(taskUser)'")
            }
        }
        switch operation {
        case .browse:
            // Mesos lists nothing for a path that is not a directory.
            return .json(entry.isDirectory ? SandboxListing.json(of: entry, requested: path.requested) : Array("[]".utf8))
        case .read:
            guard !entry.isDirectory else { throw HTTPProblem(.badRequest, "Cannot read a directory: '\(requested)'") }
            return .json(try read(entry, offset: Self.integer("offset", in: query), length: Self.integer("length", in: query)))
        case .download:
            guard !entry.isDirectory else { throw HTTPProblem(.badRequest, "Cannot download a directory: '\(requested)'") }
            return download(entry, name: path.names.last ?? "")
        }
    }

    /// `{"data","offset"}` as Mesos answers: `offset` -1 or absent gives the size with no data;
    /// `length` -1 or absent reads to the end; an offset at or past the end reads nothing.
    private func read(_ entry: SandboxEntry, offset: Int?, length: Int?) throws(HTTPProblem) -> [UInt8] {
        let size = Int(entry.status.st_size)
        var writer = MesosJSONWriter()
        guard let offset, offset != -1 else {
            writer.writeObject { writer in
                writer.field("data", "")
                writer.field("offset", Int64(size))
            }
            return writer.bytes
        }
        let wanted = min(length.flatMap { $0 == -1 ? nil : $0 } ?? Self.readLimit, Self.readLimit)
        var data = [UInt8](repeating: 0, count: offset < size ? min(wanted, size - offset) : 0)
        let count = data.isEmpty ? 0 : data.withUnsafeMutableBytes { pread(entry.descriptor, $0.baseAddress, $0.count, off_t(offset)) }
        data.removeLast(data.count - max(0, count))
        writer.writeObject { writer in
            // The bytes as they are, as Mesos sends them: a String would alter what is not UTF-8.
            writer.key("data")
            writer.rawString(data)
            writer.field("offset", Int64(offset))
        }
        return writer.bytes
    }

    /// The file's bytes as they are when the download starts, read as they are sent, with their
    /// length: a client sees its progress, and the answer is not taken for an event stream (a
    /// client that closed its sending side would have it cut after the head). A file cut
    /// shorter meanwhile ends the connection: the length told cannot be kept.
    private func download(_ entry: SandboxEntry, name: String) -> Response {
        let size = Int(entry.status.st_size)
        let body = ResponseBody(contentLength: size) { writer in
            var offset = 0
            var chunk = [UInt8](repeating: 0, count: 64 << 10)
            while offset < size {
                let count = chunk.withUnsafeMutableBytes { pread(entry.descriptor, $0.baseAddress, min($0.count, size - offset), off_t(offset)) }
                guard count > 0 else { throw FileCutShort(path: name, size: size, read: offset) }
                try await writer.write(ByteBuffer(bytes: chunk[..<count]))
                offset += count
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "application/octet-stream", .contentDisposition: "attachment; filename=\"\(Self.quoted(name))\""],
            body: body)
    }

    /// A query integer, -1 or more: anything else is a 400 naming the parameter and its value.
    static func integer(_ name: String, in query: Parameters) throws(HTTPProblem) -> Int? {
        guard let text = query[Substring(name)].map(String.init) else { return nil }
        guard let value = Int(text), value >= -1 else {
            throw HTTPProblem(.badRequest, "Expecting '\(name)' to be an integer of -1 or more, got '\(text)'")
        }
        return value
    }

    /// The name safe inside a quoted header parameter: no quote, backslash, control or
    /// non-ASCII character (clients decode those differently).
    static func quoted(_ name: String) -> String {
        String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" && $0.value != 0x7F ? Character($0) : "_" })
    }
}

/// A file downloaded with its length that was cut shorter while it was sent.
struct FileCutShort: Error, CustomStringConvertible {
    var path: String
    var size: Int
    var read: Int
    var description: String { "\(path) was cut from \(size) bytes to \(read) while it was downloaded" }
}
