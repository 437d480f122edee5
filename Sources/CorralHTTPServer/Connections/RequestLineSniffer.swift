import NIOCore

/// Reads a connection's first bytes until they show whether its request line starts with
/// `prefix`, then lets `choose` build the pipeline behind it, passes the bytes on and leaves. A
/// connection that says nothing for `undecidedTimeout`, or is told to quiesce first, is closed.
final class RequestLineSniffer: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias Route = SplitHTTP1Channel.Route

    private let prefix: [UInt8]
    private let undecidedTimeout: TimeAmount
    private let route: EventLoopPromise<Route>
    private let choose: (_ matched: Bool) -> EventLoopFuture<Route>
    private var received: ByteBuffer?
    private var deadline: Scheduled<Void>?
    private var decided = false

    init(prefix: [UInt8], undecidedTimeout: TimeAmount, route: EventLoopPromise<Route>, choose: @escaping (_ matched: Bool) -> EventLoopFuture<Route>) {
        self.prefix = prefix
        self.undecidedTimeout = undecidedTimeout
        self.route = route
        self.choose = choose
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: undecidedTimeout) { channel.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = Self.unwrapInboundIn(data)
        guard !decided else { return context.fireChannelRead(data) }
        if received == nil { received = bytes } else { received?.writeBuffer(&bytes) }
        guard let received, let matched = Self.matches(prefix, received.readableBytesView) else { return }
        decide(matched, context: context)
    }

    /// Whether `bytes` start with `prefix`; nil while they are a shorter start of it.
    static func matches(_ prefix: [UInt8], _ bytes: ByteBufferView) -> Bool? {
        if bytes.count >= prefix.count { return bytes.starts(with: prefix) }
        return prefix.starts(with: bytes) ? nil : false
    }

    private func decide(_ matched: Bool, context: ChannelHandlerContext) {
        decided = true
        deadline?.cancel()
        let bytes = received
        received = nil
        let route = self.route
        choose(matched).assumeIsolated().whenComplete { result in
            switch result {
            case .success(let chosen):
                if let bytes { context.fireChannelRead(Self.wrapInboundOut(bytes)) }
                context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
                route.succeed(chosen)
            case .failure(let error):
                route.fail(error)
                context.close(promise: nil)
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if !decided, event is ChannelShouldQuiesceEvent { return context.close(promise: nil) }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        if !decided {
            decided = true
            route.fail(ChannelError.ioOnClosedChannel)
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard decided else { return context.close(promise: nil) }
        context.fireErrorCaught(error)
    }
}
