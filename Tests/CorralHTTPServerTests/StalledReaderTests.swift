import NIOCore
import NIOEmbedded
import Testing

@testable import CorralHTTPServer

/// A subscriber that stops reading is let go once its connection stays unwritable.
@Suite struct StalledReaderTests {
    @Test func aConnectionUnwritableForTheLimitIsClosedAndOneThatRecoversIsNot() throws {
        let channel = EmbeddedChannel(handler: StalledReaderHandler(limit: .seconds(60)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        channel.isWritable = false
        channel.pipeline.fireChannelWritabilityChanged()
        channel.embeddedEventLoop.advanceTime(by: .seconds(30))
        channel.isWritable = true
        channel.pipeline.fireChannelWritabilityChanged()
        channel.embeddedEventLoop.advanceTime(by: .seconds(60))
        #expect(channel.isActive, "a reader that caught up was closed")

        channel.isWritable = false
        channel.pipeline.fireChannelWritabilityChanged()
        channel.embeddedEventLoop.advanceTime(by: .seconds(59))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive, "a reader stalled for the limit was kept")
    }
}
