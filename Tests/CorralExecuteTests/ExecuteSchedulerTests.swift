import CorralExecute
import CorralModel
import CorralSDK
import CorralTesting
import Testing

/// `corral execute`'s framework launches its one task on the first offer it fits in, declines
/// every other offer, and passes the task's statuses on until the task ends.
@Suite(.timeLimit(.minutes(1))) struct ExecuteSchedulerTests {
    let master = ScriptedMaster(frameworkID: "execute-framework")
    let task = ExecuteScheduler.TaskDescription(
        id: "greeting", name: "greeting", command: "echo hello", resources: Resources([.scalar("cpus", 1), .scalar("mem", 64)]), user: "nobody")

    /// The scheduler on a driver the master has subscribed.
    func start() async -> (ExecuteScheduler, AsyncStream<TaskStatus>, Task<Void, any Error>) {
        let (statuses, sink) = AsyncStream.makeStream(of: TaskStatus.self)
        let scheduler = ExecuteScheduler(task: task, statuses: sink)
        let driver = SchedulerDriver(scheduler: scheduler, framework: FrameworkInfo(name: "corral-execute"), transport: master)
        let running = Task { try await driver.run() }
        _ = await eventually { await driver.frameworkID != nil }
        return (scheduler, statuses, running)
    }

    func offer(_ id: OfferID, cpus: Double, agent: AgentID = "agent-1") -> Offer {
        Offer(
            id: id, frameworkID: "execute-framework", agentID: agent, hostname: "node", role: "*",
            resources: Resources([.scalar("cpus", cpus), .scalar("mem", 1024)]).allocated(to: "*"))
    }

    var launches: [(offers: [OfferID], tasks: [TaskInfo])] {
        master.calls.compactMap { call in
            guard case .accept(let offerIDs, let operations, _) = call else { return nil }
            return (offerIDs, operations.flatMap { operation -> [TaskInfo] in if case .launch(let tasks) = operation { tasks } else { [] } })
        }
    }

    var declines: [(offers: [OfferID], refuseSeconds: Double)] {
        master.calls.compactMap { if case .decline(let offerIDs, let filters) = $0 { (offerIDs, filters.refuseSeconds) } else { nil } }
    }

    @Test func launchesOnTheFirstOfferItFitsAndDeclinesTheRestForAnHour() async {
        let (scheduler, _, running) = await start()
        defer { running.cancel() }
        master.emit(.offers([offer("small", cpus: 0.5), offer("fits", cpus: 2, agent: "agent-2"), offer("also-fits", cpus: 4)]))
        #expect(await eventually { !declines.isEmpty })
        #expect(launches.map(\.offers) == [["fits"]])
        let launched = launches.first?.tasks.first
        #expect(launched?.taskID == "greeting")
        #expect(launched?.agentID == "agent-2")
        #expect(launched?.command?.user == "nobody")
        #expect(declines.map(\.offers) == [["small", "also-fits"]])
        #expect(declines.map(\.refuseSeconds) == [3600])
        #expect(await eventually { master.calls.contains { $0.typeName == "SUPPRESS" } })
        #expect(await scheduler.launchedOn == "agent-2")
    }

    @Test func offersTooSmallAreDeclinedBrieflyWhileItWaits() async {
        let (scheduler, _, running) = await start()
        defer { running.cancel() }
        master.emit(.offers([offer("small", cpus: 0.5)]))
        #expect(await eventually { !declines.isEmpty })
        #expect(declines.map(\.refuseSeconds) == [1])
        #expect(launches.isEmpty)
        #expect(await scheduler.launchedOn == nil)
    }

    @Test func launchesOnlyOnce() async {
        let (_, _, running) = await start()
        defer { running.cancel() }
        master.emit(.offers([offer("first", cpus: 2)]))
        #expect(await eventually { launches.count == 1 })
        master.emit(.offers([offer("second", cpus: 2)]))
        #expect(await eventually { declines.count == 1 })
        #expect(launches.map(\.offers) == [["first"]])
        #expect(declines.map(\.offers) == [["second"]])
        #expect(declines.map(\.refuseSeconds) == [3600])
    }

    @Test func passesTheTasksStatusesOnUntilItEnds() async {
        let (_, statuses, running) = await start()
        defer { running.cancel() }
        master.emit(.update(TaskStatus(taskID: "greeting", state: .running, source: .executor, agentID: "agent-1")))
        master.emit(.update(TaskStatus(taskID: "greeting", state: .finished, source: .executor, agentID: "agent-1")))
        var seen: [TaskState] = []
        for await status in statuses { seen.append(status.state) }
        #expect(seen == [.running, .finished])
    }

    @Test func aRefusalFromTheMasterEndsTheRunAsAnError() async {
        let (_, statuses, running) = await start()
        defer { running.cancel() }
        master.emit(.error("framework is not authorized"))
        var seen: [TaskStatus] = []
        for await status in statuses { seen.append(status) }
        #expect(seen.map(\.state) == [.error])
        #expect(seen.first?.message == "framework is not authorized")
    }
}
