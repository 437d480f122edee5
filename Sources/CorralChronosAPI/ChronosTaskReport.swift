import CorralHTTPServer
import CorralMesosJSON

/// The body of Chronos's `PUT /v1/scheduler/task/<task ID>`, by which an `async` job says how
/// its run went: `{"statusCode": 0}` for a success, any other integer for a failure.
enum ChronosTaskReport {
    static func statusCode(from body: [UInt8]) throws(HTTPProblem) -> Int {
        do throws(MesosJSONError) {
            return try MesosJSON.parse(body).object().required("statusCode", as: Int.self)
        } catch {
            throw HTTPProblem(.badRequest, "Expecting {\"statusCode\": N} (0 for a success): \(error.description)")
        }
    }
}
