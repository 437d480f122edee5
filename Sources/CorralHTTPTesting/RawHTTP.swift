import AsyncHTTPClient
import CorralSDKHTTP
import NIOCore

/// A raw HTTP exchange, for the tests that send what no well-behaved client would.
public struct RawHTTP: Sendable {
    public let master: MasterAddress

    public init(master: MasterAddress) { self.master = master }

    public struct Answer: Sendable {
        public var status: Int
        public var body: String
        /// The body as it came, for answers that need not be UTF-8.
        public var bytes: [UInt8]
        public var headers: [(String, String)]
    }

    /// `fresh` sends the request on a connection of its own, as its first request (a server may
    /// answer a connection by what it opens with).
    public func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = [], fresh: Bool = false) async throws -> Answer {
        var request = HTTPClientRequest(url: master.url(path))
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if !body.isEmpty { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await (fresh ? Self.oneRequestPerConnection : HTTPClient.shared).execute(request, timeout: .seconds(10))
        let text = try await response.body.collect(upTo: 1 << 20)
        return Answer(
            status: Int(response.status.code), body: String(buffer: text), bytes: Array(text.readableBytesView),
            headers: response.headers.map { ($0.name, $0.value) })
    }

    public func post(_ path: String, json: String, headers: [(String, String)] = [("Content-Type", "application/json")], fresh: Bool = false) async throws -> Answer {
        try await send("POST", path, headers: headers, body: Array(json.utf8), fresh: fresh)
    }

    /// A client that opens a connection for every request.
    public static let oneRequestPerConnection: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.maximumUsesPerConnection = 1
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
