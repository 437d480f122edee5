import CorralModel
import CorralTesting
import Foundation
import Testing

@testable import CorralAgent

/// An agent registered with a `RecordingMaster`, running tasks of one framework.
struct AgentHarness {
    static let framework = FrameworkInfo(name: "test", id: "framework-1")

    let agent: Agent
    let master: RecordingMaster

    /// Runs `body` with a registered agent in a scratch work directory; then stops the agent,
    /// which kills its tasks, and removes the directory.
    static func run(isolation: IsolationRequest = .auto, _ body: (AgentHarness) async throws -> Void) async throws {
        let workDirectory = NSTemporaryDirectory() + Fixture.uniqueName("corral-agent-test")
        defer { try? FileManager.default.removeItem(atPath: workDirectory) }
        let configuration = AgentConfiguration(
            name: Fixture.uniqueName("agent"), resources: try Resources(parsing: "cpus:4;mem:2048"),
            workDirectory: workDirectory, isolation: isolation)
        let harness = AgentHarness(agent: try Agent(configuration: configuration, logger: Fixture.logger), master: RecordingMaster())
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await harness.agent.run(master: harness.master) }
            defer { group.cancelAll() }
            #expect(await eventually { await harness.agent.agentID != nil }, "the agent did not register")
            try await body(harness)
        }
    }

    func launch(_ id: TaskID, _ command: String, environment: [String: String] = [:], resources: String = "cpus:0.1;mem:128", healthCheck: HealthCheck?) throws {
        let task = TaskInfo(
            name: id.value, taskID: id, agentID: "agent-1", resources: try Resources(parsing: resources),
            command: .shell(command, environment: environment), healthCheck: healthCheck)
        agent.send(.launch(LaunchRequest(framework: Self.framework, tasks: [task])))
    }

    func kill(_ id: TaskID) {
        agent.send(.kill("framework-1", id, nil))
    }

    func statuses(of id: TaskID) async -> [TaskStatus] { await master.statuses(of: id) }

    /// The task's health updates (RUNNING with `healthy` set), in order.
    func healthUpdates(of id: TaskID) async -> [TaskStatus] {
        await statuses(of: id).filter { $0.state == .running && $0.healthy != nil }
    }

    /// Waits until a status of the task satisfies `condition`; returns it, or records what was seen.
    @discardableResult
    func waitFor(
        _ id: TaskID, timeout: Double = 30, sourceLocation: SourceLocation = #_sourceLocation, _ condition: @escaping @Sendable (TaskStatus) -> Bool
    ) async -> TaskStatus? {
        if await eventually(timeout: timeout, { await statuses(of: id).contains(where: condition) }) {
            return await statuses(of: id).first(where: condition)
        }
        let seen = await statuses(of: id).map { "\($0.state) healthy=\($0.healthy.map(String.init) ?? "-") \($0.message ?? "")" }
        Issue.record("task \(id) never reached the expected status; saw \(seen)", sourceLocation: sourceLocation)
        return nil
    }
}
