import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Ends a streamed response once its client has closed its side: a subscriber that went away
/// (a framework or an agent killed with -9) is let go at once, as Mesos counts a subscriber's
/// end of file, where before the server kept the connection half open until a heartbeat failed
/// to reach it, two intervals later, and the master took the dead subscriber for connected
/// meanwhile. A client may close its side once it has sent a request and still read the answer,
/// so only a stream (a response with no Content-Length) is ended: at once when it is under way,
/// or as soon as its head is written when the client closed while the server was still working
/// out its answer (a subscriber killed between its request and the stream's start).
///
/// In every HTTP/1 pipeline, the async server's and the event-loop handlers' (`RequestLineSplit`)
/// alike, between the HTTP types codec and what answers.
final class HalfClosedStreamHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var streaming = false
    private var inputClosed = false
    private var closing = false

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch Self.unwrapOutboundIn(data) {
        case .head(let head): streaming = head.headerFields[.contentLength] == nil
        case .end: streaming = false
        case .body: break
        }
        context.write(data, promise: promise)
        if streaming, inputClosed, !closing { closeAfterThisTurn(context) }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            inputClosed = true
            if streaming { return context.close(promise: nil) }
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// Not inside the write: whoever wrote the head is still setting up its stream (an agent's
    /// handler registers for heartbeats after it), and a close here would reach its
    /// `channelInactive` before that.
    private func closeAfterThisTurn(_ context: ChannelHandlerContext) {
        closing = true
        let channel = context.channel
        context.eventLoop.execute { channel.close(promise: nil) }
    }
}
