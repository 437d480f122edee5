import CorralHTTPServer
import CorralServices
import Foundation
import HTTPTypes
import Hummingbird

/// Marathon's answers: JSON without escaped slashes, and errors as `{"message", "details"}` with
/// Marathon's status for each of Services' errors.
extension MarathonEndpoints {
    func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws(HTTPProblem) -> Response {
        do { return .json(Array(try Self.encoder.encode(value)), status: status) } catch {
            throw HTTPProblem(.internalServerError, "Cannot encode the answer: \(error)")
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return encoder
    }()

    func problem(_ error: any Error) -> HTTPProblem {
        switch error {
        case let problem as HTTPProblem: return problem
        case ServicesError.notFound(let message): return marathonProblem(.notFound, message)
        case ServicesError.conflict(let message): return marathonProblem(.conflict, message)
        case ServicesError.invalid(let invalid): return marathonProblem(.unprocessableContent, "Object is not valid", details: invalid.issues)
        case ServicesError.locked(_, let deployments):
            // Marathon's words, which deploy tools match on, and the deployments to wait for.
            let message = "App is locked by one or more deployments. Override with the option '?force=true'. "
                + "View details at '/v2/deployments/\(deployments.first ?? "")'."
            let body = (try? Self.encoder.encode(MarathonJSON.Problem(message: message, deployments: deployments.map { ["id": $0] }))).map { [UInt8]($0) }
            return HTTPProblem(.conflict, message, json: body)
        default: return marathonProblem(.internalServerError, "\(error)")
        }
    }

    func marathonProblem(_ status: HTTPResponse.Status, _ message: String, details: [ValidationIssue]? = nil) -> HTTPProblem {
        let body = (try? Self.encoder.encode(MarathonJSON.Problem(message: message, details: details))).map { [UInt8]($0) }
        return HTTPProblem(status, message, json: body)
    }
}
