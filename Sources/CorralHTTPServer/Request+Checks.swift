import Foundation
import HTTPTypes
import Hummingbird

extension Request {
    /// Checks Content-Type for a JSON POST body: missing → 400, another type → 415.
    package func requireJSONContentType() throws(HTTPProblem) {
        guard let contentType = headers[.contentType] else {
            throw HTTPProblem(.badRequest, "Expecting 'Content-Type' to be present")
        }
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard mediaType == "application/json" else {
            throw HTTPProblem(.unsupportedMediaType, "Expecting 'Content-Type' of application/json (Corral speaks JSON), got '\(contentType)'")
        }
    }

    /// Whether the Accept header (if any) allows a JSON answer.
    package var acceptsJSON: Bool {
        guard let accept = headers[.accept] else { return true }
        return accept.split(separator: ",").contains { range in
            let type = range.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            return type == "application/json" || type == "*/*" || type == "application/*" || type.isEmpty
        }
    }

    /// The body, up to `limit` bytes: more is a 413.
    package mutating func body(upTo limit: Int) async throws(HTTPProblem) -> [UInt8] {
        do {
            let buffer = try await collectBody(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch {
            throw HTTPProblem(.contentTooLarge, "Request body is larger than \(limit) bytes")
        }
    }
}
