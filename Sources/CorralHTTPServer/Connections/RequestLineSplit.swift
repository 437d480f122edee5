import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// A kind of connection a server answers outside its async HTTP stack: one whose first request
/// line starts with `prefix` gets HTTP/1.1's codecs and `makeHandler()`'s handler, which reads
/// the request as `HTTPRequestPart`s and writes `HTTPResponsePart`s on the event loop.
///
/// For the master's agent registrations: after a failover every agent reconnects at once, and
/// each connection that goes through the async stack (its task, its async channel, the router,
/// a response body writer, a heartbeat task) cost the master about 140 µs of CPU before its own
/// work began.
package struct RequestLineSplit: Sendable {
    /// The request line's start, through the space after the target: "POST /path ".
    package var prefix: String
    package var makeHandler: @Sendable () -> any ChannelHandler

    package init(prefix: String, makeHandler: @escaping @Sendable () -> any ChannelHandler) {
        self.prefix = prefix
        self.makeHandler = makeHandler
    }

    /// A split connection's pipeline, after the bytes already read: HTTP/1.1's codecs (a
    /// malformed request is a 400 and the end of the connection), HTTP types, the stalled-reader
    /// limit, the end of a stream whose client closed its side, and the handler. On the
    /// channel's event loop.
    package func configure(_ channel: any Channel, stalledReaderLimit: TimeAmount, secure: Bool) throws {
        let pipeline = channel.pipeline.syncOperations
        try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: false, withErrorHandling: true)
        try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: secure))
        try pipeline.addHandler(StalledReaderHandler(limit: stalledReaderLimit))
        try pipeline.addHandler(HalfClosedStreamHandler())
        try pipeline.addHandler(makeHandler())
    }
}

/// HTTP/1.1 as Hummingbird serves it, but for the connections `split` takes. A connection's
/// route is known once its first bytes are in, and the server reads a connection only once its
/// setup has answered: the setup answers at once, with a future of the route.
struct SplitHTTP1Channel: ServerChildChannel {
    enum Route: Sendable {
        case http(HTTP1Channel.Value)
        case split
    }

    struct Value: ServerChildChannelValue {
        let channel: any Channel
        let route: EventLoopFuture<Route>
    }

    let http: HTTP1Channel
    let split: RequestLineSplit
    let stalledReaderLimit: TimeAmount
    let secure: Bool

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            let route = channel.eventLoop.makePromise(of: Route.self)
            let sniffer = RequestLineSniffer(
                prefix: Array(split.prefix.utf8), undecidedTimeout: http.configuration.idleTimeout ?? .seconds(60), route: route
            ) { matched in
                guard matched else { return http.setup(channel: channel, logger: logger).map { .http($0) } }
                return channel.eventLoop.makeCompletedFuture {
                    try split.configure(channel, stalledReaderLimit: stalledReaderLimit, secure: secure)
                    return .split
                }
            }
            try channel.pipeline.syncOperations.addHandler(sniffer)
            return Value(channel: channel, route: route.futureResult)
        }
    }

    /// A split connection belongs to its handler; the server's task for it lasts until it
    /// closes, so that a graceful shutdown waits for it (its handler closes it on the server's
    /// quiesce event).
    func handle(value: Value, logger: Logger) async {
        guard let route = try? await value.route.get() else { return }
        switch route {
        case .http(let asyncChannel): await http.handle(value: asyncChannel, logger: logger)
        case .split: try? await value.channel.closeFuture.get()
        }
    }
}
