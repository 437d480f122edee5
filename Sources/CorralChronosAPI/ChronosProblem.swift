import CorralHTTPServer
import CorralJobs
import CorralMesosJSON
import CorralModel
import HTTPTypes
import Hummingbird

/// Refusals of the Chronos API answer as Chronos 3 does, `{"message": "..."}`: chronos-python
/// shows that message in the exception it raises.
struct ChronosErrorMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as HTTPProblem {
            return Self.response(problem.status, problem.message, headers: problem.headers)
        } catch let error as JobsError {
            return Self.response(Self.status(of: error), error.description)
        } catch let error as HTTPError where error.status == .notFound {
            return Self.response(.notFound, "No such endpoint: \(request.method) \(request.uri.path)")
        }
    }

    static func status(of error: JobsError) -> HTTPResponse.Status {
        switch error {
        case .unknownJob, .unknownTask: .notFound
        case .reportNotAwaited: .conflict
        case .invalidJob, .malformed: .badRequest
        case .storage: .internalServerError
        }
    }

    static func response(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) -> Response {
        var writer = MesosJSONWriter()
        writer.writeObject { writer in writer.field("message", message) }
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: writer.bytes)))
    }
}
