import CorralMesosJSON
import CorralModel
import Hummingbird
import NIOCore

extension Request {
    /// The body of a JSON POST call, decoded: the checks every call endpoint makes, in Mesos's
    /// order — method (405), Content-Type (400 missing, 415 other), size (413), JSON (400).
    package mutating func decodeCall<Call: MesosJSONDecodable>(_ type: Call.Type, named name: String, bodyLimit: Int) async throws(HTTPProblem) -> Call {
        try checkCall()
        let body = try await body(upTo: bodyLimit)
        return try Self.decode(Call.self, named: name, from: body)
    }

    /// `decodeCall` for a request whose body was read whole already (up to one byte past
    /// `bodyLimit`), where waiting for it cannot be: on an event loop.
    package func decodeCall<Call: MesosJSONDecodable>(_ type: Call.Type, named name: String, body: ByteBuffer, bodyLimit: Int) throws(HTTPProblem) -> Call {
        try checkCall()
        guard body.readableBytes <= bodyLimit else { throw Self.bodyTooLarge(bodyLimit) }
        return try Self.decode(Call.self, named: name, from: Array(body.readableBytesView))
    }

    private func checkCall() throws(HTTPProblem) {
        guard method == .post else {
            throw HTTPProblem(.methodNotAllowed, "Expecting a 'POST' request, received '\(method)'", headers: [.allow: "POST"])
        }
        try requireJSONContentType()
    }

    private static func decode<Call: MesosJSONDecodable>(_ type: Call.Type, named name: String, from body: [UInt8]) throws(HTTPProblem) -> Call {
        do {
            return try MesosJSON.decode(Call.self, from: body)
        } catch {
            throw HTTPProblem(.badRequest, "Failed to parse the \(name): \(error)")
        }
    }

    /// An operator API's call (the master's or an agent's): a JSON answer must be acceptable
    /// (406), then the checks of `decodeCall`.
    package func decodeOperatorCall<Call: MesosJSONDecodable>(_ type: Call.Type, bodyLimit: Int) async throws(HTTPProblem) -> Call {
        guard acceptsJSON else { throw HTTPProblem(.notAcceptable, "Expecting 'Accept' to allow application/json") }
        var request = self
        return try await request.decodeCall(Call.self, named: "call", bodyLimit: bodyLimit)
    }
}
