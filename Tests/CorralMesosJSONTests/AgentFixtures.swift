import Foundation
import Testing
@testable import CorralMesosJSON
@testable import CorralModel

/// An agent with one framework running a task (T1), one task queued (T3) and one finished
/// (T0), and a framework (F2) whose executors all ended.
enum AgentFixtures {
    static let resources = (try? Resources(parsing: "cpus:4;mem:2048;ports:[31000-32000]")) ?? Resources()
    static let taskResources = (try? Resources(parsing: "cpus(web):0.5;mem(web):64")) ?? Resources()
    static let framework = FrameworkInfo(user: "alice", name: "web", id: "F1", roles: ["web"], hostname: "10.0.0.9", capabilities: [.multiRole])

    static func task(_ id: TaskID, _ state: TaskState, framework: FrameworkID = "F1", at seconds: Double = 1_700_000_000) -> TaskRecord {
        let status = TaskStatus(
            taskID: id, state: state, source: .executor, agentID: "S1", timestamp: Time(seconds: seconds),
            containerStatus: ContainerStatus(containerID: ContainerID("1-\(id.value)")))
        return TaskRecord(
            id: id, name: "task \(id.value)", frameworkID: framework, agentID: "S1", role: "web", resources: taskResources,
            command: .shell("sleep 100"), state: state, statuses: state == .staging ? [] : [status], launchedAt: Time(seconds: seconds),
            labels: [Label(key: "app", value: "web")])
    }

    static func executor(_ id: TaskID, framework: FrameworkID = "F1") -> AgentExecutorState {
        AgentExecutorState(
            info: ExecutorInfo(executorID: ExecutorID(id.value), frameworkID: framework, kind: nil, name: "Command Executor (Task: \(id.value))"),
            source: id.value, containerID: ContainerID("1-\(id.value)"), directory: "/w/agents/S1/frameworks/\(framework.value)/tasks/\(id.value)")
    }

    static let statistics = ResourceStatistics(
        timestamp: 1_700_000_100, processes: 1, cpusUserTimeSecs: 1.5, cpusSystemTimeSecs: 0.25, cpusLimit: 0.5, cpusNrPeriods: 10,
        cpusNrThrottled: 2, cpusThrottledTimeSecs: 0.125, memTotalBytes: 4096, memLimitBytes: 67_108_864, memCacheBytes: 1024,
        memRssBytes: 2048, memMappedFileBytes: 0, memSwapBytes: 0)

    static var state: AgentState {
        var running = executor("T1")
        running.tasks = [task("T1", .running)]
        running.statistics = statistics
        var queued = executor("T3")
        queued.queuedTasks = [task("T3", .staging)]
        var ended = executor("T0")
        ended.completedTasks = [task("T0", .finished)]
        var gone = executor("T9", framework: "F2")
        gone.completedTasks = [task("T9", .killed, framework: "F2")]
        return AgentState(
            info: AgentInfo(id: "S1", hostname: "10.0.0.5", port: 5051, resources: resources, attributes: [Attribute(name: "rack", value: .text("r1"))]),
            time: Time(seconds: 1_700_000_200), startedAt: Time(seconds: 1_700_000_000), version: "1.11.0", registered: true,
            masterHostname: "10.0.0.1", flags: ["port": "5051", "work_dir": "/w"],
            frameworks: [AgentFrameworkState(info: framework, executors: [running, queued], completedExecutors: [ended])],
            completedFrameworks: [AgentFrameworkState(info: FrameworkInfo(name: "batch", id: "F2"), completedExecutors: [gone])],
            endedTasks: [.finished: 1, .killed: 1])
    }
}

/// A JSON document as Foundation reads it, for tests that look at shapes rather than bytes.
func jsonObject(_ bytes: [UInt8]) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
}

func jsonArray(_ bytes: [UInt8]) throws -> [[String: Any]] {
    try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [[String: Any]])
}
