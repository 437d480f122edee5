import CorralModel

@testable import ConsoleCore

/// Services' apps in each state and Jobs' jobs with some history, at `ClusterFixture.now`.
enum FrameworksFixture {
    static let now = ClusterFixture.now
    static let version = "2025-11-25T09:58:00.000Z"

    static var services: [ServiceRow] {
        [
            ServiceRow(
                id: "/web", running: 3, healthy: 2, staged: 0, wanted: 3, status: .running, cpus: 0.5, mem: 128,
                tasks: [
                    ServiceTaskRow(taskID: "web.7f3a-1", host: "node-1", state: "TASK_RUNNING", healthy: true, startedAt: now + -120, version: version),
                    ServiceTaskRow(taskID: "web.7f3a-2", host: "node-2", state: "TASK_RUNNING", healthy: false, startedAt: now + -118, version: version),
                    ServiceTaskRow(taskID: "web.7f3a-3", host: "node-3", state: "TASK_RUNNING", healthy: true, startedAt: now + -61, version: version),
                ]),
            ServiceRow(
                id: "/shop/api", running: 1, healthy: 1, staged: 1, wanted: 3, status: .deploying, cpus: 1, mem: 256,
                tasks: [
                    ServiceTaskRow(taskID: "shop_api.91c2-1", host: "node-2", state: "TASK_RUNNING", healthy: true, startedAt: now + -40, version: version),
                    ServiceTaskRow(taskID: "shop_api.91c2-2", host: "node-3", state: "TASK_STAGING", version: version),
                ],
                deployments: [DeploymentRow(id: "d-5e1f", steps: "start 2 of /shop/api, then check health", currentStep: 1, totalSteps: 2, startedAt: now + -42)]),
            ServiceRow(
                id: "/shop/search", wanted: 2, status: .waiting(reason: "no offer has 8 cpus (largest 3)"), cpus: 8, mem: 2048,
                waitingOn: [
                    AgentWait(host: "node-1", reason: "node-1 is short of 5 cpus: an instance needs cpus:8;mem:2048, its offer had cpus:3;mem:3072"),
                    AgentWait(host: "node-2", reason: "hostname:UNIQUE: an instance already runs where hostname is node-2"),
                ]),
            ServiceRow(id: "/worker", wanted: 1, status: .delayed(seconds: 12.3), cpus: 0.25, mem: 64),
            ServiceRow(id: "/legacy", wanted: 0, status: .suspended, cpus: 1, mem: 512),
        ]
    }

    static var jobs: [JobRow] {
        [
            JobRow(
                name: "backup", schedule: "R/2025-11-25T10:00:00Z/PT5M", nextRun: now + 12, lastResult: .success, successCount: 24,
                history: [
                    JobRunRow(taskID: "backup-0023", startedAt: now + -425, endedAt: now + -418, state: "TASK_FINISHED"),
                    JobRunRow(taskID: "backup-0024", startedAt: now + -125, endedAt: now + -116, state: "TASK_FINISHED"),
                ]),
            JobRow(
                name: "report", schedule: "after backup, etl", lastResult: .failure, running: 1, successCount: 3, errorCount: 2,
                history: [
                    JobRunRow(taskID: "report-0004", startedAt: now + -3700, endedAt: now + -3580, state: "TASK_FINISHED"),
                    JobRunRow(taskID: "report-0005", startedAt: now + -300, endedAt: now + -290, state: "TASK_FAILED", message: "Command exited with status 2"),
                    JobRunRow(taskID: "report-0006", startedAt: now + -20, state: "TASK_RUNNING"),
                ]),
            JobRow(name: "etl", schedule: "R/2025-11-25T00:00:00Z/P1D", nextRun: now + 50_275, lastResult: .success, successCount: 41, errorCount: 1),
            JobRow(name: "cleanup", schedule: "R/2025-11-26T03:00:00Z/P1W", lastResult: .never, disabled: true),
        ]
    }

    /// The cluster fixture's model, with Services and Jobs running.
    static func model() -> ConsoleModel {
        var model = ClusterFixture.model()
        _ = model.update(.frameworks(services: services, jobs: jobs))
        return model
    }
}
