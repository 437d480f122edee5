import CorralHTTPServer
import Hummingbird

/// Binds the connection's peer address while a request is handled: `api_post_event` names its
/// client by it, as Marathon does with the servlet's remote address. A client's own
/// `X-Forwarded-For` is not believed: any client could write any address there.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = PeerRequestContext

    /// The address of the client whose request is being handled; empty outside one.
    @TaskLocal static var current = ""

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await Self.$current.withValue(context.peerHost ?? "") { try await next(request, context) }
    }
}
