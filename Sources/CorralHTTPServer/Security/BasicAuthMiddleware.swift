import Hummingbird

/// Puts a whole router behind one realm: how Chronos's and Marathon's APIs take
/// `--http_credentials`.
package struct BasicAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let authenticator: HTTPAuthenticator
    let realm: String

    package init(authenticator: HTTPAuthenticator, realm: String) {
        self.authenticator = authenticator
        self.realm = realm
    }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            _ = try authenticator.principal(of: request, realm: realm)
        } catch {
            return error.response
        }
        return try await next(request, context)
    }
}
