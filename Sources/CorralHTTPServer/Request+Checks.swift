import HTTPTypes
import Hummingbird

extension Request {
    /// Checks Content-Type for a JSON POST body: missing → 400, another type → 415.
    package func requireJSONContentType() throws(HTTPProblem) {
        guard let contentType = headers[.contentType] else {
            throw HTTPProblem(.badRequest, "Expecting 'Content-Type' to be present")
        }
        guard mediaType(of: contentType[...]) == "application/json" else {
            throw HTTPProblem(.unsupportedMediaType, "Expecting 'Content-Type' of application/json (Corral speaks JSON), got '\(contentType)'")
        }
    }

    /// Whether the Accept header (if any) allows a JSON answer.
    package var acceptsJSON: Bool {
        guard let accept = headers[.accept] else { return true }
        return accept.split(separator: ",").contains { range in
            let type = mediaType(of: range)
            return type == "application/json" || type == "*/*" || type == "application/*" || type.isEmpty
        }
    }

    /// The body, up to `limit` bytes: more is a 413.
    package mutating func body(upTo limit: Int) async throws(HTTPProblem) -> [UInt8] {
        do {
            let buffer = try await collectBody(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch {
            throw Self.bodyTooLarge(limit)
        }
    }

    static func bodyTooLarge(_ limit: Int) -> HTTPProblem {
        HTTPProblem(.contentTooLarge, "Request body is larger than \(limit) bytes")
    }
}

/// A header item's media type: what comes before its parameters, without the spaces and tabs
/// around it, lowercased as media types compare (RFC 9110 §8.3.1). Plain byte work: the
/// Foundation string calls this replaced were a tenth of a restarted master's CPU while
/// ten thousand agents re-registered.
func mediaType(of item: Substring) -> String {
    let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
    var bytes = Array(item.utf8.prefix { $0 != UInt8(ascii: ";") })
    while let last = bytes.last, isBlank(last) { bytes.removeLast() }
    let start = bytes.firstIndex { !isBlank($0) } ?? bytes.endIndex
    return String(decoding: bytes[start...].map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
}
