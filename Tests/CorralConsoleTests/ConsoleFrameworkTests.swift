import ConsoleCore
import CorralModel
import CorralSDK
import CorralTesting
import Synchronization
import Testing

@testable import CorralConsole

/// The framework behind the console's keyboard: it launches what the launch dialog asks for on
/// offers that fit, declines the rest briefly, and stays suppressed while it wants nothing.
@Suite(.timeLimit(.minutes(1))) struct ConsoleFrameworkTests {
    let notices = LineLog()
    let master = ScriptedMaster(frameworkID: "console-framework")

    func start() -> (ConsoleFramework, SchedulerDriver, Task<Void, any Error>) {
        let framework = ConsoleFramework(notices: notices.notices)
        let driver = SchedulerDriver(scheduler: framework, framework: FrameworkInfo(name: "console", roles: ["*"]), transport: master)
        return (framework, driver, Task { try await driver.run() })
    }

    func offer(_ id: String, cpus: Double, mem: Double, agent: String = "agent-1") -> Offer {
        Offer(
            id: OfferID(id), frameworkID: "console-framework", agentID: AgentID(agent), hostname: agent, role: "*",
            resources: Resources([.scalar("cpus", cpus), .scalar("mem", mem)]).allocated(to: "*"))
    }

    func launched() -> [(offers: [OfferID], tasks: [TaskID], agents: [AgentID])] {
        master.calls.compactMap { call in
            guard case .accept(let offerIDs, let operations, _) = call else { return nil }
            let tasks = operations.flatMap { operation -> [TaskInfo] in if case .launch(let tasks) = operation { tasks } else { [] } }
            return (offerIDs, tasks.map(\.taskID), tasks.map(\.agentID))
        }
    }

    func declined() -> [(OfferID, Double)] {
        master.calls.flatMap { call -> [(OfferID, Double)] in
            guard case .decline(let offerIDs, let filters) = call else { return [] }
            return offerIDs.map { ($0, filters.refuseSeconds) }
        }
    }

    func count(_ type: String) -> Int { master.calls.filter { $0.typeName == type }.count }

    /// A launch no offer fits yet stays visible: the framework says which launches wait, and
    /// says again when they have gone to an agent.
    @Test func waitingLaunchesAreReportedUntilAnOfferTakesThem() async {
        let reports = Mutex<[[WaitingLaunch]]>([])
        let framework = ConsoleFramework(notices: notices.notices, waiting: { list in reports.withLock { $0.append(list) } })
        let driver = SchedulerDriver(scheduler: framework, framework: FrameworkInfo(name: "console", roles: ["*"]), transport: master)
        let running = Task { try await driver.run() }
        defer { running.cancel() }
        #expect(await eventually { await driver.frameworkID != nil })
        await framework.launch(LaunchSpec(name: "big", command: "sleep 5", cpus: 0.9, mem: 32, instances: 1), driver: driver)
        #expect(reports.withLock { $0.last } == [WaitingLaunch(taskID: "big-1", name: "big", cpus: 0.9, mem: 32)])
        master.emit(.offers([offer("small", cpus: 0.4, mem: 1024)]))
        #expect(await eventually { declined().count == 1 })
        #expect(reports.withLock { $0.count } == 1, "a declined offer changed nothing, so nothing new is said")
        master.emit(.offers([offer("fits", cpus: 1, mem: 1024)]))
        #expect(await eventually { reports.withLock { $0.last } == [] })
        #expect(launched().map(\.tasks) == [["big-1"]])
    }

    @Test func launchesQueuedTasksOnTheOfferTheyFitAndDeclinesTheOther() async {
        let (framework, driver, running) = start()
        defer { running.cancel() }
        #expect(await eventually { await driver.frameworkID != nil })
        await framework.launch(LaunchSpec(name: "sleep", command: "sleep 5", cpus: 1, mem: 64, instances: 2), driver: driver)
        #expect(await framework.queued == 2)
        master.emit(.offers([offer("small", cpus: 0.5, mem: 1024), offer("big", cpus: 4, mem: 1024, agent: "agent-2")]))
        #expect(await eventually { launched().count == 1 })
        let launch = launched()[0]
        #expect(launch.offers == ["big"])
        #expect(launch.tasks == ["sleep-1", "sleep-2"])
        #expect(launch.agents == ["agent-2", "agent-2"])
        #expect(declined().map(\.0) == ["small"])
        #expect(declined().map(\.1) == [1])  // refused for a second only: more may be asked for soon
        #expect(await framework.queued == 0)
    }

    @Test func suppressesOnceItWantsNothingAndRevivesForTheNextLaunch() async {
        let (framework, driver, running) = start()
        defer { running.cancel() }
        #expect(await eventually { await driver.frameworkID != nil })
        master.emit(.offers([offer("o1", cpus: 4, mem: 1024)]))
        #expect(await eventually { count("SUPPRESS") == 1 })
        let revivesBefore = count("REVIVE")
        await framework.launch(LaunchSpec(name: "echo", command: "echo hi", cpus: 0.1, mem: 32, instances: 1), driver: driver)
        #expect(await eventually { count("REVIVE") == revivesBefore + 1 })
        master.emit(.offers([offer("o2", cpus: 4, mem: 1024)]))
        #expect(await eventually { launched().map(\.tasks) == [["echo-1"]] })
    }

    @Test func tellsTheUserWhenALaunchFailsOrTheMasterRefusesIt() async {
        let (_, driver, running) = start()
        defer { running.cancel() }
        #expect(await eventually { await driver.frameworkID != nil })
        master.emit(.update(TaskStatus(taskID: "echo-1", state: .running, source: .executor, agentID: "agent-1")))
        master.emit(.update(TaskStatus(taskID: "big-1", state: .error, source: .master, message: "Task uses more resources than offered")))
        master.emit(.error("framework is not authorized"))
        #expect(await eventually { notices.lines.count == 2 })
        #expect(notices.lines == [
            "Task big-1 could not launch: Task uses more resources than offered",
            "The master refused the console framework: framework is not authorized",
        ])
    }
}
