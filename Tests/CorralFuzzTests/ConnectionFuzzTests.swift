import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

@testable import CorralHTTPServer

extension FuzzTests {
    /// The first bytes of the master's connections, mutated and delivered in pieces: the
    /// request-line split routes each connection, and a registration's goes through HTTP/1.1's
    /// codecs (as `RequestLineSplit.configure` builds them) to its handler. Nothing may trap, and
    /// what reaches the handler is one request's parts, in order.
    @Suite struct Connections {
        @Test func registrationConnections() {
            let split = RequestLineSplit(prefix: "POST /corral/v1/agent/register ") { PartsInOrder() }
            Fuzz.run("registration connections", inputs: Mutation.of(Corpus.registrationConnections)) { text in
                let channel = EmbeddedChannel()
                _ = try? channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 5050)).wait()
                let route = channel.eventLoop.makePromise(of: SplitHTTP1Channel.Route.self)
                let sniffer = RequestLineSniffer(prefix: Array(split.prefix.utf8), undecidedTimeout: .seconds(60), route: route) { matched in
                    guard matched else { return channel.eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel) }
                    return channel.eventLoop.makeCompletedFuture {
                        try split.configure(channel, stalledReaderLimit: .seconds(60), secure: false)
                        return .split
                    }
                }
                try? channel.pipeline.syncOperations.addHandler(sniffer)
                let bytes = Array(text.utf8)
                let piece = 1 + bytes.count % 29
                for start in stride(from: 0, to: bytes.count, by: piece) where channel.isActive {
                    _ = try? channel.writeInbound(ByteBuffer(bytes: bytes[start..<min(bytes.count, start + piece)]))
                }
                _ = try? channel.finish()
            }
            // The mutations must leave enough requests whole to reach the handler at all.
            #expect(PartsInOrder.requests >= Fuzz.count / 10, "only \(PartsInOrder.requests) of \(Fuzz.count) inputs reached the handler")
        }

        /// Every Content-Type and Accept item goes through `mediaType(of:)`: whatever the bytes,
        /// it answers without a trap, with no parameters, no blanks around it and no uppercase.
        @Test func mediaTypes() {
            Fuzz.run("media types", inputs: Mutation.of(Corpus.mediaTypes)) { text in
                let type = mediaType(of: text[...])
                let bytes = Array(type.utf8)
                if bytes.contains(UInt8(ascii: ";")) || bytes.contains(where: { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) })
                    || [UInt8(ascii: " "), UInt8(ascii: "\t")].contains(bytes.first ?? 0) || [UInt8(ascii: " "), UInt8(ascii: "\t")].contains(bytes.last ?? 0) {
                    Issue.record("media type of \(Fuzz.current): '\(type)'")
                }
            }
        }
    }
}

/// Stands for the registration's handler: checks the parts come as a request makes them.
private final class PartsInOrder: ChannelInboundHandler {
    typealias InboundIn = HTTPRequestPart

    /// Requests that reached a handler in this run (the fuzz suites run serially).
    nonisolated(unsafe) static var requests = 0
    private var inRequest = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch Self.unwrapInboundIn(data) {
        case .head:
            if inRequest { Issue.record("a head inside a request: \(Fuzz.current)") }
            inRequest = true
            Self.requests += 1
        case .body:
            if !inRequest { Issue.record("a body outside a request: \(Fuzz.current)") }
        case .end:
            if !inRequest { Issue.record("an end outside a request: \(Fuzz.current)") }
            inRequest = false
        }
    }
}
