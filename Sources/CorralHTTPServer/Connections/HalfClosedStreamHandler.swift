import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Ends a streamed response once its client has closed its side: a subscriber that went away
/// (a framework killed with -9) is let go at once, as Mesos counts a subscriber's end of file,
/// where before the server kept the connection half open until a heartbeat failed to reach it,
/// two intervals later, and the master took the dead framework for connected meanwhile. A
/// client may close its side once it has sent a request and still read the answer, so only a
/// stream (a response under way with no Content-Length) is ended.
final class HalfClosedStreamHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var streaming = false

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch Self.unwrapOutboundIn(data) {
        case .head(let head): streaming = head.headerFields[.contentLength] == nil
        case .end: streaming = false
        case .body: break
        }
        context.write(data, promise: promise)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if streaming, let event = event as? ChannelEvent, event == .inputClosed { return context.close(promise: nil) }
        context.fireUserInboundEventTriggered(event)
    }
}
