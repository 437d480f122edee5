import HTTPTypes
import Hummingbird

/// A request the server refuses, with the status and a message that says what was wrong and what
/// was expected. Every malformed request ends here: a 4xx, never a crash.
struct HTTPProblem: Error {
    var status: HTTPResponse.Status
    var message: String
    var headers: HTTPFields = [:]
    /// A JSON body to send instead of the plain-text message, for APIs whose clients read their
    /// errors as JSON (Marathon's `{"message", "details"}`).
    var json: [UInt8]?

    init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:], json: [UInt8]? = nil) {
        self.status = status
        self.message = message
        self.headers = headers
        self.json = json
    }

    var response: Response {
        if let json { return .json(json, status: status) }
        var fields = headers
        fields[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}

extension Response {
    /// A JSON answer from bytes already encoded.
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// An empty answer (202 Accepted for scheduler calls), `Content-Length: 0`.
    static func empty(_ status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentLength: "0"], body: ResponseBody())
    }
}

extension Request {
    /// The request's path with repeated slashes collapsed and no trailing slash (clients send
    /// `/master/frameworks/` and `/v2/apps//demo`).
    var normalizedPath: String {
        var path = ""
        var lastWasSlash = false
        for character in uri.path {
            if character == "/" {
                if lastWasSlash { continue }
                lastWasSlash = true
            } else {
                lastWasSlash = false
            }
            path.append(character)
        }
        if path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path.isEmpty ? "/" : path
    }

    /// Checks Content-Type for a JSON POST body: missing → 400, another type → 415.
    func requireJSONContentType() throws(HTTPProblem) {
        guard let contentType = headers[.contentType] else {
            throw HTTPProblem(.badRequest, "Expecting 'Content-Type' to be present")
        }
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard mediaType == "application/json" else {
            throw HTTPProblem(.unsupportedMediaType, "Expecting 'Content-Type' of application/json (Corral speaks JSON), got '\(contentType)'")
        }
    }

    /// Whether the Accept header (if any) allows a JSON answer.
    var acceptsJSON: Bool {
        guard let accept = headers[.accept] else { return true }
        return accept.split(separator: ",").contains { range in
            let type = range.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            return type == "application/json" || type == "*/*" || type == "application/*" || type.isEmpty
        }
    }

    /// The body, up to `limit` bytes: more is a 413.
    mutating func body(upTo limit: Int) async throws(HTTPProblem) -> [UInt8] {
        do {
            let buffer = try await collectBody(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch {
            throw HTTPProblem(.contentTooLarge, "Request body is larger than \(limit) bytes")
        }
    }
}

import Foundation
