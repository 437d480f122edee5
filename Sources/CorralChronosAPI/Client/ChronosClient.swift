import AsyncHTTPClient
import CorralModel
import CorralRESTClient
import CorralSDKHTTP
import Foundation

/// A client of Chronos's REST API (Corral's Jobs, or a Chronos): the jobs with their counters,
/// and run-now. What a console attached to a remote master reads for its Jobs pane.
public struct ChronosClient: Sendable {
    public struct Job: Decodable, Sendable {
        public var name: String
        public var schedule: String?
        public var parents: [String]?
        public var disabled: Bool?
        public var successCount: Int?
        public var errorCount: Int?
        /// ISO 8601, or "" when it never happened.
        public var lastSuccess: String?
        public var lastError: String?
    }

    let rest: RESTClient

    /// `credential`: what the server's `--http-credentials` ask for, if anything.
    public init(address: MasterAddress, credential: Credential? = nil, client: HTTPClient = .shared) {
        rest = RESTClient(address: address, client: client, credential: credential)
    }

    public func jobs() async throws -> [Job] { try await rest.get("/v1/scheduler/jobs", as: [Job].self) }

    /// PUT /v1/scheduler/job/NAME: run the job now.
    public func runNow(_ name: String) async throws {
        let escaped = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/", "#", "?"])) ?? name
        _ = try await rest.send(.PUT, "/v1/scheduler/job/\(escaped)", body: nil)
    }
}
