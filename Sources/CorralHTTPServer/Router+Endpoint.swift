import HTTPTypes
import Hummingbird

/// Every method a request can reach a Corral server with: those NIO's HTTP/1.1 parser (llhttp)
/// takes. A path routed for all of them leaves the method to its endpoint.
package let parsedMethods: [HTTPRequest.Method] = [
    "DELETE", "GET", "HEAD", "POST", "PUT", "CONNECT", "OPTIONS", "TRACE", "COPY", "LOCK", "MKCOL", "MOVE", "PROPFIND", "PROPPATCH",
    "SEARCH", "UNLOCK", "BIND", "REBIND", "UNBIND", "ACL", "REPORT", "MKACTIVITY", "CHECKOUT", "MERGE", "M-SEARCH", "NOTIFY",
    "SUBSCRIBE", "UNSUBSCRIBE", "PATCH", "PURGE", "MKCALENDAR", "LINK", "UNLINK", "SOURCE", "QUERY",
].compactMap { HTTPRequest.Method($0) }

extension Router {
    /// Routes `path` to `handler` whatever the method: for an endpoint that checks the method
    /// itself, as Mesos's do, answering one it does not take with a 405 that says what it
    /// expects (`Expecting a 'GET' request, received 'POST'`).
    package func endpoint(_ path: String, _ handler: @escaping @Sendable (Request, Context) async throws -> Response) {
        for method in parsedMethods {
            on(RouterPath(path), method: method) { request, context in try await handler(request, context) }
        }
    }
}
