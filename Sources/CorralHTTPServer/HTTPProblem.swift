import HTTPTypes
import Hummingbird
import Logging

/// A request the server refuses, with the status and a message that says what was wrong and what
/// was expected. Every malformed request ends here: a 4xx, never a crash.
package struct HTTPProblem: Error {
    package var status: HTTPResponse.Status
    package var message: String
    package var headers: HTTPFields = [:]
    /// A JSON body to send instead of the plain-text message, for APIs whose clients read their
    /// errors as JSON (Marathon's `{"message", "details"}`).
    package var json: [UInt8]?

    package init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:], json: [UInt8]? = nil) {
        self.status = status
        self.message = message
        self.headers = headers
        self.json = json
    }

    package var response: Response {
        if let json { return .json(json, status: status) }
        return Response(status: status, headers: plainTextHeaders, body: ResponseBody(byteBuffer: ByteBuffer(string: plainText)))
    }

    /// The refusal as text, for a client that does not read JSON errors.
    package var plainText: String { message + "\n" }

    package var plainTextHeaders: HTTPFields {
        var fields = headers
        fields[.contentType] = "text/plain; charset=utf-8"
        return fields
    }

    /// What `route` answers `request` with, or the refusal it throws as the response, logged at
    /// debug level: how a server's responder ends.
    package static func answer(_ request: Request, logger: Logger, _ route: () async throws -> Response) async throws -> Response {
        do {
            return try await route()
        } catch let problem as HTTPProblem {
            logger.debug("refused request", metadata: ["path": "\(request.uri.path)", "status": "\(problem.status.code)", "problem": "\(problem.message)"])
            return problem.response
        }
    }
}
