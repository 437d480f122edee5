import AsyncHTTPClient
import CorralModel
import CorralRESTClient
import CorralSDKHTTP
import CorralServices
import Foundation
import NIOCore

/// A client of Marathon's v2 REST API (Corral's Services, or a Marathon): the apps with their
/// tasks, the launch queue and the deployments, and the changes a console makes. What a console
/// attached to a remote master reads for its Services pane.
public struct MarathonClient: Sendable {
    public struct App: Decodable, Sendable {
        public var id: String
        public var instances: Int
        public var cpus: Double
        public var mem: Double
        public var tasksRunning: Int?
        public var tasksHealthy: Int?
        public var tasksStaged: Int?
        public var healthChecks: [HealthCheck]?
        public var tasks: [Task]?
        public var version: String?

        public struct HealthCheck: Decodable, Sendable { public var `protocol`: String? }
    }

    public struct Task: Decodable, Sendable {
        public var id: String
        public var host: String?
        public var state: String?
        public var startedAt: String?
        public var version: String?
        public var healthCheckResults: [HealthResult]?

        public struct HealthResult: Decodable, Sendable { public var alive: Bool? }
    }

    public struct QueueItem: Decodable, Sendable {
        public struct AppRef: Decodable, Sendable { public var id: String }
        public struct Delay: Decodable, Sendable { public var timeLeftSeconds: Double? }
        public struct Summary: Decodable, Sendable { public var rejectSummaryLastOffers: [Rejection]? }
        public struct Rejection: Decodable, Sendable {
            public var reason: String
            public var declined: Int?
        }

        /// An offer the app could not use: its agent, Marathon's reason names, and Corral's
        /// sentence (`message`, absent from Marathon's own answers).
        public struct UnusedOffer: Decodable, Sendable {
            public struct OfferRef: Decodable, Sendable {
                public var agentId: String?
                public var hostname: String?
            }

            public var offer: OfferRef?
            public var reason: [String]?
            public var message: String?
        }

        public var app: AppRef
        public var count: Int?
        public var delay: Delay?
        public var processedOffersSummary: Summary?
        public var lastUnusedOffers: [UnusedOffer]?
    }

    public struct Deployment: Decodable, Sendable {
        public struct Action: Decodable, Sendable {
            public var action: String
            public var app: String?
        }

        public var id: String
        public var version: String?
        public var affectedApps: [String]
        public var currentActions: [Action]?
        public var currentStep: Int?
        public var totalSteps: Int?
    }

    let rest: RESTClient

    /// `credential`: what the server's `--http-credentials` ask for, if anything.
    public init(address: MasterAddress, credential: Credential? = nil, client: HTTPClient = .shared) {
        rest = RESTClient(address: address, client: client, credential: credential)
    }

    public func apps() async throws -> [App] {
        struct Apps: Decodable { var apps: [App] }
        return try await rest.get("/v2/apps?embed=apps.tasks", as: Apps.self).apps
    }

    public func queue() async throws -> [QueueItem] {
        struct Queue: Decodable { var queue: [QueueItem] }
        return try await rest.get("/v2/queue", as: Queue.self).queue
    }

    public func deployments() async throws -> [Deployment] { try await rest.get("/v2/deployments", as: [Deployment].self) }

    /// PUT /v2/apps/{id} with only the instance count: a scale.
    public func scale(_ id: String, instances: Int) async throws {
        _ = try await rest.send(.PUT, "/v2/apps\(id)", body: ["instances": instances])
    }

    /// POST /v2/apps with an app definition.
    public func create(_ app: AppDefinition) async throws {
        _ = try await rest.send(.POST, "/v2/apps", body: app)
    }
}
