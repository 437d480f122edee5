import CorralHTTPServer
import CorralJobs
import CorralMesosJSON
import CorralMetrics
import CorralModel
import Foundation
import Hummingbird

/// Chronos's REST API (v1) over a `JobsFramework`, as chronos-python 1.2.1 calls it. Mutations
/// answer 204 with no body; an unknown job is a 404, a job that cannot be read or accepted a
/// 400, each with `{"message": ...}` saying why. Besides Chronos's paths, `/metrics/prometheus`
/// answers Jobs' metrics in Prometheus's text format.
enum ChronosRoutes {
    static func router(
        jobs: JobsFramework, bodyLimit: Int, authenticator: HTTPAuthenticator = .none, realm: String = "Mesosphere",
        metrics: ServerMetrics = ServerMetrics()
    ) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        // Added first so that they wrap every route below, and the not-found answer too.
        if authenticator.isEnabled { router.add(middleware: BasicAuthMiddleware(authenticator: authenticator, realm: realm)) }
        router.add(middleware: ChronosErrorMiddleware())

        // Create or update; Chronos splits scheduled and dependent jobs over two paths, and a
        // job's own fields decide which it is, so both accept either. A known path asked with a
        // method it does not take is a 405 naming the ones it does, as Chronos's (Jersey's) is.
        for path in ["/v1/scheduler/iso8601", "/v1/scheduler/dependency"] {
            router.allowing(RouterPath(stringLiteral: path), [
                .post: { request, _ in
                    var request = request
                    let body = try await request.body(upTo: bodyLimit)
                    try await jobs.put(try JobDefinition(chronosJSON: body))
                    return noContent
                },
            ])
        }
        router.allowing("/v1/scheduler/jobs", [.get: { _, _ in json(list(await jobs.jobs())) }])
        router.allowing("/v1/scheduler/jobs/search", [
            .get: { request, _ in json(list(try ChronosSearch(query: request.formQuery).apply(await jobs.jobs()))) },
        ])
        router.allowing("/v1/scheduler/job/:name", [
            .put: { _, context in
                try await jobs.runNow(try name(context))
                return noContent
            },
            .delete: { _, context in
                try await jobs.delete(try name(context))
                return noContent
            },
        ])
        router.allowing("/v1/scheduler/task/kill/:name", [
            .delete: { _, context in
                try await jobs.kill(try name(context))
                return noContent
            },
        ])
        router.allowing("/v1/scheduler/job/stat/:name", [.get: { _, context in json(try await jobs.job(try name(context)).chronosStatsJSON()) }])
        addReportsAndStatistics(to: router, jobs: jobs, bodyLimit: bodyLimit, metrics: metrics)
        router.allowing("/v1/scheduler/graph/csv", [
            .get: { _, _ in
                let csv = await jobs.graphCSV()
                return Response(status: .ok, headers: [.contentType: "text/csv"], body: ResponseBody(byteBuffer: ByteBuffer(string: csv)))
            },
        ])
        return router
    }

    /// No body and no Content-Length: what chronos-python expects of a mutation.
    static var noContent: Response { Response(status: .noContent) }

    static func json(_ bytes: [UInt8]) -> Response { .json(bytes) }

    static func list(_ jobs: [JobSummary]) -> [UInt8] {
        var writer = MesosJSONWriter()
        writer.writeArray { writer in
            for job in jobs { job.writeChronosJSON(to: &writer) }
        }
        return writer.bytes
    }

    /// The job name in the path, percent-decoded (chronos-python quotes the path).
    static func name(_ context: BasicRequestContext) throws(HTTPProblem) -> String {
        try decoded(context, "name")
    }

    /// The path's parameter `parameter`, percent-decoded.
    static func decoded(_ context: BasicRequestContext, _ parameter: String) throws(HTTPProblem) -> String {
        guard let raw = context.parameters.get(parameter) else { throw HTTPProblem(.badRequest, "The path has no \(parameter)") }
        guard let value = raw.removingPercentEncoding else {
            throw HTTPProblem(.badRequest, "'\(raw)' in the path is not valid percent-encoding")
        }
        return value
    }
}
