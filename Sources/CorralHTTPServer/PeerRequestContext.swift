import Hummingbird
import NIOCore

/// A request context that knows who is on the other end of the connection: what a server
/// reports of a client that does not say where it runs (a framework's `hostname`).
package struct PeerRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The peer's address, nil when the channel has none (a Unix socket, a closed connection).
    package let remoteAddress: SocketAddress?
    /// Completed when the connection closes: an event stream ends with it (see
    /// `eventStreamResponse`).
    package let connectionClosed: EventLoopFuture<Void>

    package init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
        connectionClosed = source.channel.closeFuture
    }

    /// The peer's IP address as text (`127.0.0.1`, `::1`), or nil.
    package var peerHost: String? { remoteAddress?.ipAddress }
}
