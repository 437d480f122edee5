import AsyncHTTPClient
import CorralMesosJSON
import CorralModel
import CorralSDKHTTP
import Foundation
import NIOCore
import NIOHTTP1

/// JSON over HTTP to a REST API (Marathon's, Chronos's): one exchange at a time, a non-2xx
/// answer an error with the server's message.
package struct RESTClient: Sendable {
    let address: MasterAddress
    let client: HTTPClient
    /// Sent as HTTP Basic, to a server started with `--http-credentials`.
    var credential: Credential?

    package init(address: MasterAddress, client: HTTPClient, credential: Credential? = nil) {
        self.address = address
        self.client = client
        self.credential = credential
    }

    package func get<T: Decodable>(_ path: String, as type: T.Type) async throws -> T {
        try JSONDecoder().decode(T.self, from: Data(try await send(.GET, path, body: nil)))
    }

    package func send(_ method: HTTPMethod, _ path: String, body: (any Encodable & Sendable)?) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: address.url(path))
        request.method = method
        if let credential { request.headers.add(name: "Authorization", value: credential.basicAuthorization) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
        }
        let response = try await client.execute(request, timeout: .seconds(10))
        let bytes = Array(try await response.body.collect(upTo: 16 << 20).readableBytesView)
        guard (200..<300).contains(response.status.code) else {
            let message = ((try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any])?["message"] as? String
            throw RESTClientError(status: Int(response.status.code), message: message ?? String(decoding: bytes.prefix(300), as: UTF8.self))
        }
        return bytes
    }
}

/// A REST API answered with an error status; the message is the server's own.
public struct RESTClientError: Error, CustomStringConvertible {
    public var status: Int
    public var message: String
    public var description: String { "\(status): \(message)" }
}
