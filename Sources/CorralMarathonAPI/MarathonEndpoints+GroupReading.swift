import CorralHTTPServer
import CorralMesosJSON
import CorralServices
import Foundation

extension MarathonEndpoints {
    /// A group from `POST`/`PUT /v2/groups` (see `GroupUpdate`'s decoding): a field that does
    /// not fit is a 422 naming where it is (`/groups(0)/apps(1)/cpus`), JSON that does not
    /// parse a 400.
    func decodeGroup(_ body: [UInt8]) throws(HTTPProblem) -> GroupUpdate {
        // As for apps: Foundation refuses a number beyond a Double without saying where.
        if let document = try? MesosJSON.parse(body), let (path, number) = Self.numberBeyondDouble(in: document) {
            throw marathonProblem(.unprocessableContent, "Object is not valid", details: [ValidationIssue(path: path, errors: ["\(number) is not a number this API can hold"])])
        }
        do {
            return try JSONDecoder().decode(GroupUpdate.self, from: Data(body))
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw marathonProblem(.badRequest, "Invalid JSON: expected a group object like {\"id\": \"/prod\", \"apps\": [...]}")
            }
            let (path, message) = error.marathonDetail
            throw marathonProblem(.unprocessableContent, "Object is not valid", details: [ValidationIssue(path: path, errors: [message])])
        } catch {
            throw marathonProblem(.badRequest, "Invalid JSON: \(error)")
        }
    }
}
