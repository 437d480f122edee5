import NIOCore
import NIOEmbedded
import Synchronization
import Testing

@testable import CorralHTTPServer

/// A connection goes where its first request line says, with every byte it sent, however the
/// bytes arrive; one that says nothing, or goes away first, is let go.
@Suite struct RequestLineSnifferTests {
    static let prefix = Array("POST /corral/v1/agent/register ".utf8)

    /// A channel with a sniffer in front of a handler that keeps what reaches it, and the route
    /// the sniffer chose (`.split` for a match; nothing is built for HTTP here, so a miss fails
    /// the route with `Missed`).
    struct Missed: Error {}

    static func channel(timeout: TimeAmount = .seconds(60)) throws -> (EmbeddedChannel, EventLoopFuture<SplitHTTP1Channel.Route>, Kept) {
        let channel = EmbeddedChannel()
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 5050)).wait()
        let kept = Kept()
        let route = channel.eventLoop.makePromise(of: SplitHTTP1Channel.Route.self)
        let sniffer = RequestLineSniffer(prefix: prefix, undecidedTimeout: timeout, route: route) { matched in
            matched ? channel.eventLoop.makeSucceededFuture(.split) : channel.eventLoop.makeFailedFuture(Missed())
        }
        try channel.pipeline.syncOperations.addHandler(sniffer)
        try channel.pipeline.syncOperations.addHandler(kept)
        return (channel, route.futureResult, kept)
    }

    final class Kept: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        var bytes: [UInt8] = []
        func channelRead(context: ChannelHandlerContext, data: NIOAny) { bytes += Self.unwrapInboundIn(data).readableBytesView }
    }

    @Test func aRegistrationArrivingByteByByteIsSplitWithEveryByte() throws {
        let (channel, route, kept) = try Self.channel()
        let request = Array("POST /corral/v1/agent/register HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}".utf8)
        let routed = Mutex(false)
        route.whenSuccess { if case .split = $0 { routed.withLock { $0 = true } } }
        for byte in request.prefix(Self.prefix.count - 1) {
            try channel.writeInbound(ByteBuffer(bytes: [byte]))
            #expect(!routed.withLock { $0 }, "decided before the request line's prefix was in")
        }
        try channel.writeInbound(ByteBuffer(bytes: request[(Self.prefix.count - 1)...]))
        #expect(routed.withLock { $0 })
        #expect(kept.bytes == request, "the next handler did not get the bytes as sent")
        // The sniffer left: what comes next goes straight through.
        try channel.writeInbound(ByteBuffer(bytes: [1, 2]))
        #expect(kept.bytes == request + [1, 2])
        _ = try channel.finish()
    }

    @Test func otherRequestLinesAreMissesAsSoonAsTheyDiffer() throws {
        #expect(RequestLineSniffer.matches(Self.prefix, ByteBuffer(string: "G").readableBytesView) == false)
        #expect(RequestLineSniffer.matches(Self.prefix, ByteBuffer(string: "POST /corral/v1/agent ").readableBytesView) == false)
        #expect(RequestLineSniffer.matches(Self.prefix, ByteBuffer(string: "POST /corral/v1/agent/registerX ").readableBytesView) == false)
        #expect(RequestLineSniffer.matches(Self.prefix, ByteBuffer(string: "POST /corral").readableBytesView) == nil)
        #expect(RequestLineSniffer.matches(Self.prefix, ByteBuffer(string: "").readableBytesView) == nil)
        let (channel, route, _) = try Self.channel()
        let missed = Mutex(false)
        route.whenFailure { error in missed.withLock { $0 = error is Missed } }
        try channel.writeInbound(ByteBuffer(string: "GET /health HTTP/1.1\r\n\r\n"))
        #expect(missed.withLock { $0 })
        #expect(!channel.isActive, "a connection whose pipeline could not be built stays open")
    }

    @Test func aConnectionThatSaysNothingIsClosedAfterTheTimeout() throws {
        let (channel, route, _) = try Self.channel(timeout: .seconds(5))
        let failed = Mutex(false)
        route.whenFailure { _ in failed.withLock { $0 = true } }
        try channel.writeInbound(ByteBuffer(string: "POST /co"))
        channel.embeddedEventLoop.advanceTime(by: .seconds(4))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive, "an undecided connection outlived its timeout")
        #expect(failed.withLock { $0 }, "the route of a connection closed undecided did not fail")
    }

    @Test func anUndecidedConnectionIsClosedWhenTheServerQuiesces() throws {
        let (channel, _, _) = try Self.channel()
        channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        #expect(!channel.isActive)
    }
}
