import CorralHTTPServer
import CorralJobs
import Foundation
import Hummingbird

/// `GET /v1/scheduler/jobs/search`: jobs whose name (`name`), command (`command`), or any of
/// name, command, owner and description (`any`) contain the given text, ignoring case; every
/// given criterion must match. `offset` and `limit` page through the result.
struct ChronosSearch: Equatable {
    var name: String?
    var command: String?
    var any: String?
    var offset = 0
    var limit = Int.max

    init(query: [String: String]) throws(HTTPProblem) {
        name = query["name"].flatMap { $0.isEmpty ? nil : $0 }
        command = query["command"].flatMap { $0.isEmpty ? nil : $0 }
        any = query["any"].flatMap { $0.isEmpty ? nil : $0 }
        for (key, minimum) in [("offset", 0), ("limit", 1)] {
            guard let text = query[key] else { continue }
            guard let value = Int(text), value >= minimum else {
                throw HTTPProblem(.badRequest, "'\(key)' must be an integer of at least \(minimum), got '\(text)'")
            }
            if key == "offset" { offset = value } else { limit = value }
        }
    }

    func matches(_ job: JobDefinition) -> Bool {
        func has(_ text: String, _ part: String?) -> Bool { part.map { text.localizedCaseInsensitiveContains($0) } ?? true }
        let anyMatches = any.map { part in [job.name, job.command, job.owner, job.description].contains { has($0, part) } } ?? true
        return has(job.name, name) && has(job.command, command) && anyMatches
    }

    func apply(_ jobs: [JobSummary]) -> [JobSummary] {
        Array(jobs.filter { matches($0.definition) }.dropFirst(offset).prefix(limit))
    }
}

extension Request {
    /// The query's parameters as a form encodes them (`+` is a space, `%XX` a byte), as
    /// Python's `urlencode` writes them; a repeated key keeps its last value.
    var formQuery: [String: String] {
        guard let query = uri.query, !query.isEmpty else { return [:] }
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            parameters[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return parameters
    }
}
