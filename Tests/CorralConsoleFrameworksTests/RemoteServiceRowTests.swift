import ConsoleCore
import CorralMarathonAPI
import Foundation
import Testing

@testable import CorralConsoleFrameworks

/// A console attached to a remote master reads Services (or a Marathon) over its REST API: an
/// app's row says why it is not running as wanted, from the launch queue and the deployments.
@Suite struct RemoteServiceRowTests {
    func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    func app(instances: Int = 2, running: Int? = nil, tasks: String = "[]", healthChecks: String = "[]") throws -> MarathonClient.App {
        let runningField = running.map { "\"tasksRunning\": \($0)," } ?? ""
        return try decode(MarathonClient.App.self, """
            {"id": "/web", "instances": \(instances), "cpus": 0.5, "mem": 64, \(runningField) "tasksHealthy": 1, "tasksStaged": 0,
             "healthChecks": \(healthChecks), "tasks": \(tasks)}
            """)
    }

    let twoRunning = """
        [{"id": "web.1", "host": "node-1", "state": "TASK_RUNNING", "startedAt": "2025-11-25T10:00:00.000Z", "version": "v1",
          "healthCheckResults": [{"alive": true}]},
         {"id": "web.2", "host": "node-2", "state": "TASK_RUNNING", "version": "v1"}]
        """

    func queued(delay: Double? = nil, rejection: String? = nil) throws -> MarathonClient.QueueItem {
        let delayField = delay.map { ", \"delay\": {\"timeLeftSeconds\": \($0)}" } ?? ""
        let summary = rejection.map {
            ", \"processedOffersSummary\": {\"rejectSummaryLastOffers\": [{\"reason\": \"UnfulfilledRole\", \"declined\": 0}, {\"reason\": \"\($0)\", \"declined\": 3}]}"
        } ?? ""
        return try decode(MarathonClient.QueueItem.self, "{\"app\": {\"id\": \"/web\"}, \"count\": 1\(delayField)\(summary)}")
    }

    @Test func anAppWithEveryInstanceRunningIsRunning() throws {
        let row = ServiceRow(try app(tasks: twoRunning), queued: nil, deployments: [])
        #expect(row.status == .running)
        #expect(row.running == 2)  // counted from its tasks when Marathon leaves tasksRunning out
        #expect(row.healthy == 2)  // without health checks, running counts as healthy
        #expect(row.tasks.map(\.taskID) == ["web.1", "web.2"])
        #expect(row.tasks.first?.healthy == true)
        #expect(row.tasks.first?.startedAt != nil)
    }

    @Test func healthCheckedAppsCountTheHealthyTasksMarathonReports() throws {
        let row = ServiceRow(try app(tasks: twoRunning, healthChecks: "[{\"protocol\": \"COMMAND\"}]"), queued: nil, deployments: [])
        #expect(row.healthy == 1)
    }

    @Test func anAppScaledToZeroWithNoTasksLeftIsSuspended() throws {
        #expect(ServiceRow(try app(instances: 0), queued: nil, deployments: []).status == .suspended)
    }

    @Test func aBackoffDelayComesBeforeEverythingElse() throws {
        let row = ServiceRow(try app(running: 0), queued: try queued(delay: 12, rejection: "InsufficientCpus"), deployments: [])
        #expect(row.status == .delayed(seconds: 12))
    }

    @Test func anAppWaitingForOffersSaysTheFirstReasonOffersWereDeclined() throws {
        let row = ServiceRow(try app(running: 0), queued: try queued(rejection: "InsufficientMemory"), deployments: [])
        #expect(row.status == .waiting(reason: "InsufficientMemory"))
    }

    @Test func anAppShortOfInstancesOrInADeploymentIsDeploying() throws {
        #expect(ServiceRow(try app(running: 1), queued: nil, deployments: []).status == .deploying)
        let deployment = try decode(MarathonClient.Deployment.self, """
            {"id": "d1", "version": "2025-11-25T10:00:00.000Z", "affectedApps": ["/web"],
             "currentActions": [{"action": "ScaleApplication", "app": "/web"}], "currentStep": 1, "totalSteps": 2}
            """)
        let row = ServiceRow(try app(tasks: twoRunning), queued: nil, deployments: [deployment])
        #expect(row.status == .deploying)
        #expect(row.deployments.map(\.steps) == ["ScaleApplication /web"])
        #expect(row.deployments.map(\.totalSteps) == [2])
    }
}
