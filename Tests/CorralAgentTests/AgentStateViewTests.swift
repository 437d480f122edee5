import CorralModel
import Testing

@testable import CorralAgent

/// What the agent's endpoints are built from: each status names the task's container, the
/// tasks the agent lets go of stay in view as completed, and tasks group by framework and
/// executor as Mesos's agent groups them.
@Suite struct AgentStateViewTests {
    static let framework = FrameworkInfo(name: "web", id: "fw", hostname: "10.0.0.9")
    let t0 = ClusterInstant(seconds: 1_000)

    func registered() -> AgentCore {
        var core = AgentCore(agentID: nil, seed: 7)
        _ = core.handle(.registered("agent-1"), now: t0)
        return core
    }

    func launch(_ core: inout AgentCore, _ ids: [TaskID], executor: ExecutorInfo? = nil) throws -> [StatusUpdate] {
        let tasks = try ids.map { id in
            TaskInfo(name: id.value, taskID: id, agentID: "agent-1", resources: try Resources(parsing: "cpus:0.5;mem:32"), command: .shell("sleep 100"))
        }
        let actions = core.handle(.message(.launch(LaunchRequest(framework: Self.framework, tasks: tasks, executor: executor))), now: t0)
        return actions.compactMap { if case .send(let update) = $0 { update } else { nil } }
    }

    /// Runs `id` to its end with `exit`, every update acknowledged in order: the agent then
    /// lets go of the task.
    func end(_ core: inout AgentCore, _ id: TaskID, exit: CorralAgent.ExitStatus) {
        let key = TaskKey("fw", id)
        _ = core.handle(.containerStarted(key), now: t0 + 1)
        _ = core.handle(.containerEnded(key, ContainerTermination(exit: exit)), now: t0 + 2)
        for status in core.task(key)?.statuses ?? [] {
            _ = core.handle(.message(.acknowledge("fw", id, uuid: status.uuid ?? [])), now: t0 + 3)
        }
    }

    func grouping(_ core: AgentCore) -> (live: [AgentFrameworkState], completed: [AgentFrameworkState]) {
        ExecutorGrouping(agentID: "agent-1", directory: { "/sandboxes/\($0.info.taskID)" }, statistics: { _ in nil })
            .frameworks(tracked: core.trackedTasks, completed: core.completedTasks, infos: core.knownFrameworks)
    }

    @Test func everyStatusNamesTheTasksContainer() throws {
        var core = registered()
        let starting = try #require(try launch(&core, ["t1"]).first)
        #expect(starting.status.containerStatus == ContainerStatus(containerID: "1-t1"))
        #expect(core.task(TaskKey("fw", "t1"))?.statuses == [starting.status])
    }

    @Test func anEndedTaskStaysInViewAsCompletedAndIsCounted() throws {
        var core = registered()
        _ = try launch(&core, ["t1", "t2"])
        end(&core, "t1", exit: .exited(0))
        end(&core, "t2", exit: .exited(1))
        #expect(core.trackedTasks.isEmpty)
        #expect(core.completedTasks.map(\.info.taskID) == ["t1", "t2"])
        #expect(core.completedTasks.map(\.state) == [.finished, .failed])
        #expect(core.completedTasks.first?.statuses.map(\.state) == [.starting, .running, .finished])
        #expect(core.completedTasks.first?.framework == Self.framework)
        #expect(core.endedTasks == [.finished: 1, .failed: 1])
    }

    @Test func aCommandTaskHasAnExecutorOfItsOwnNamedForItsCommand() throws {
        var core = registered()
        _ = try launch(&core, ["t1"])
        _ = core.handle(.containerStarted(TaskKey("fw", "t1")), now: t0 + 1)
        let (live, completed) = grouping(core)
        #expect(completed.isEmpty)
        let framework = try #require(live.first)
        #expect(framework.info.hostname == "10.0.0.9")
        let executor = try #require(framework.executors.first)
        #expect(executor.info.executorID == "t1")
        #expect(executor.info.kind == nil)
        #expect(executor.info.name == "Command Executor (Task: t1) (Command: sh -c 'sleep 100')")
        #expect(executor.source == "t1")
        #expect(executor.containerID == "1-t1")
        #expect(executor.directory == "/sandboxes/t1")
        #expect(executor.tasks.map(\.id) == ["t1"])
        #expect(executor.tasks.first?.state == .running)
        #expect(executor.resources.scalar("cpus") == 0.5)
    }

    @Test func aTaskNotStartedIsQueuedAndAGroupSharesItsExecutor() throws {
        var core = registered()
        _ = try launch(&core, ["a", "b"], executor: ExecutorInfo(executorID: "group", name: "the group"))
        _ = core.handle(.containerStarted(TaskKey("fw", "a")), now: t0 + 1)
        let executor = try #require(grouping(core).live.first?.executors.first)
        #expect(grouping(core).live.first?.executors.count == 1)
        #expect(executor.info.executorID == "group")
        #expect(executor.info.frameworkID == "fw")
        #expect(executor.tasks.map(\.id) == ["a"])
        #expect(executor.queuedTasks.map(\.id) == ["b"])
        #expect(executor.tasks.first?.executorID == "group")
    }

    @Test func aFrameworkWhoseTasksAllEndedIsCompleted() throws {
        var core = registered()
        _ = try launch(&core, ["t1"])
        end(&core, "t1", exit: .exited(0))
        let (live, completed) = grouping(core)
        #expect(live.isEmpty)
        let framework = try #require(completed.first)
        #expect(framework.info.name == "web")
        #expect(framework.completedExecutors.map(\.info.executorID) == ["t1"])
        #expect(framework.completedExecutors.first?.completedTasks.map(\.state) == [.finished])
        #expect(framework.completedExecutors.first?.resources == Resources())
    }

    @Test func theHistoryIsBounded() throws {
        var core = registered()
        for number in 0..<(AgentCore.completedTaskLimit + 5) {
            let id = TaskID("t\(number)")
            _ = try launch(&core, [id])
            end(&core, id, exit: .exited(0))
        }
        #expect(core.completedTasks.count == AgentCore.completedTaskLimit)
        #expect(core.completedTasks.first?.info.taskID == "t5")
        #expect(core.endedTasks[.finished] == AgentCore.completedTaskLimit + 5)
    }
}

/// cgroups report "no limit" as numbers near Int64.max: statistics summed over a group's tasks
/// stop at the maximum instead of trapping the agent.
@Suite struct SaturatingSumTests {
    @Test func sumsStopAtTheMaximum() {
        let unlimited: [UInt64] = Array(repeating: UInt64(Int64.max / 2), count: 5)
        #expect(unlimited.saturatingSum { $0 } == UInt64.max)
        #expect([UInt64(1), 2, 3].saturatingSum { $0 } == 6)
        #expect([Int]().saturatingSum { $0 } == 0)
    }
}
