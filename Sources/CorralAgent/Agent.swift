import CorralModel
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// An agent: runs the tasks the master launches on it as real processes in their own
/// containers, reports their statuses reliably, samples their usage, and kills them on request.
///
/// The master talks to it through `send` (it is the master's `AgentLink`); `run(master:)`
/// registers with the master and works until cancelled, then destroys every container so that
/// nothing is left running.
public actor Agent: AgentLink {
    struct RunningTask {
        var info: TaskInfo
        var framework: FrameworkInfo
        var executor: ExecutorInfo?
        var containerID: String
        var sandbox: Sandbox
        var state: TaskState = .staging
        var launched = false
        var killRequested = false
        var launchedAt: Time
        var lastUsage: ContainerUsage?
        var killRequests: AsyncStream<Double>.Continuation?
        var key: TaskKey { TaskKey(framework.id!, info.taskID) }
    }

    public let configuration: AgentConfiguration
    public let containerizer: Containerizer
    private let clock: any ClusterClock
    private let logger: Logger
    private let inbox: AsyncStream<AgentMessage>
    private let inboxContinuation: AsyncStream<AgentMessage>.Continuation
    private var master: (any MasterLink)?
    public private(set) var agentID: AgentID?
    private var tasks: [TaskKey: RunningTask] = [:]
    private var updates: StatusUpdateManager
    private var lastTotalUsage: ContainerUsage?
    /// Frameworks the master tore down: their tasks are killed and their updates dropped.
    private var retiredFrameworks: Set<FrameworkID> = []
    private var nextContainer = 0
    private var random = SystemRandomNumberGenerator()

    public init(configuration: AgentConfiguration, clock: any ClusterClock = SystemClock(), logger: Logger) throws {
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.containerizer = try Containerizer(name: configuration.name, isolation: configuration.isolation, logger: logger)
        self.updates = StatusUpdateManager(initialBackoff: configuration.statusRetryInterval)
        (inbox, inboxContinuation) = AsyncStream.makeStream(of: AgentMessage.self)
    }

    /// The isolation in use (`cgroups/v1`, `cgroups/v2` or `posix`) and why it was chosen.
    public nonisolated var isolation: String { containerizer.mode.rawValue }
    public nonisolated var isolationReason: String { containerizer.modeReason }

    public nonisolated func send(_ message: AgentMessage) {
        inboxContinuation.yield(message)
    }

    /// Registers with the master and runs until cancelled; then kills every task and removes
    /// every container before returning. When the connection to the master drops, the agent
    /// registers again (with backoff) with its ID and the tasks it still runs.
    public func run(master: any MasterLink) async throws {
        self.master = master
        let registration = try await master.register(agentInfo, isolation: isolation, inventory: .empty, link: self)
        let id = registration.agentID
        agentID = id
        logger.info("agent registered", metadata: ["agent": "\(id)", "isolation": "\(isolation)"])

        await withDiscardingTaskGroup { group in
            group.addTask { await self.sampleUsage() }
            group.addTask { await self.resendUnacknowledged() }
            group.addTask { await self.stayRegistered(registration, master: master) }
            for await message in inbox {
                switch message {
                case .launch(let request):
                    for key in accept(request) { group.addTask { await self.runTask(key) } }
                case .kill(let frameworkID, let taskID, let policy):
                    await kill(TaskKey(frameworkID, taskID), grace: policy?.gracePeriodSeconds)
                case .acknowledge(let frameworkID, let taskID, let uuid):
                    await acknowledge(TaskKey(frameworkID, taskID), uuid: uuid)
                case .shutdownFramework(let frameworkID):
                    shutdownFramework(frameworkID)
                case .shutdown:
                    for frameworkID in Set(tasks.keys.map(\.frameworkID)) { shutdownFramework(frameworkID) }
                }
            }
            // Cancelled: the cluster is going away. Kill everything; the task runners see their
            // containers end and return.
            await containerizer.destroyAll()
            group.cancelAll()
        }
        await master.unregister(id, reason: "agent shut down")
    }

    private var agentInfo: AgentInfo {
        AgentInfo(
            id: agentID, hostname: configuration.hostname, port: configuration.port,
            resources: configuration.resources, attributes: configuration.attributes)
    }

    /// Registers again whenever the connection to the master is lost, until cancelled.
    private func stayRegistered(_ first: AgentRegistration, master: any MasterLink) async {
        var registration = first
        while !Swift.Task.isCancelled {
            await registration.connectionLost()
            var delay = 0.1
            while !Swift.Task.isCancelled {
                logger.warning("connection to the master lost; registering again", metadata: ["agent": "\(agentID?.value ?? "-")"])
                do {
                    registration = try await master.register(agentInfo, isolation: isolation, inventory: AgentInventory(tasks: runningTaskReports()), link: self)
                    logger.info("agent registered again", metadata: ["agent": "\(registration.agentID)"])
                    break
                } catch {
                    try? await clock.sleep(seconds: delay)
                    delay = min(delay * 2, 5)
                }
            }
        }
    }

    /// The tasks this agent still runs, for the master to reconcile against.
    private func runningTaskReports() -> [RunningTaskReport] {
        tasks.values.filter { $0.launched && !$0.state.isTerminal }.map {
            RunningTaskReport(frameworkID: $0.key.frameworkID, task: $0.info, state: $0.state, executorID: $0.executor?.executorID)
        }.sorted { ($0.frameworkID, $0.task.taskID) < ($1.frameworkID, $1.task.taskID) }
    }

    // MARK: Launch

    /// Records the tasks of a launch; each then runs in a task of its own.
    private func accept(_ request: LaunchRequest) -> [TaskKey] {
        guard let agentID else { return [] }
        var keys: [TaskKey] = []
        for info in request.tasks {
            let key = TaskKey(request.frameworkID, info.taskID)
            guard tasks[key] == nil else { continue }
            nextContainer += 1
            let sandbox = Sandbox(workDirectory: configuration.workDirectory, agentID: agentID, frameworkID: request.frameworkID, taskID: info.taskID)
            tasks[key] = RunningTask(
                info: info, framework: request.framework, executor: request.executor,
                containerID: Self.containerID(for: info.taskID, number: nextContainer), sandbox: sandbox, launchedAt: clock.now())
            keys.append(key)
        }
        return keys
    }

    /// A task's whole life on the agent: start its container, wait for it to end (escalating a
    /// kill from SIGTERM to SIGKILL after the grace period), report how it ended.
    private func runTask(_ key: TaskKey) async {
        guard let task = tasks[key] else { return }
        if task.killRequested {
            await report(key, .killed, reason: .taskKilledDuringLaunch, message: "Task killed before it started")
            return
        }
        await report(key, .starting)
        let spec = containerSpec(for: task)
        do {
            _ = try await containerizer.launch(spec)
        } catch {
            await report(key, .failed, reason: .containerLaunchFailed, message: "Failed to launch container: \(error)")
            return
        }
        let (killRequests, killContinuation) = AsyncStream.makeStream(of: Double.self)
        tasks[key]?.launched = true
        tasks[key]?.killRequests = killContinuation
        await report(key, .running)
        if let pending = tasks[key], pending.killRequested { await kill(key, grace: nil) }

        let termination = await monitoringHealth(of: key, containerID: spec.containerID, environment: spec.environment) {
            await waitForTermination(of: spec.containerID, killRequests: killRequests)
        }
        killContinuation.finish()
        let killed = tasks[key]?.killRequested ?? false
        let outcome = termination.map { TaskOutcome($0, killRequested: killed) }
            ?? TaskOutcome(state: .lost, reason: .executorTerminated, message: "The agent lost track of the task's container")
        await report(key, outcome.state, reason: outcome.reason, message: outcome.message)
        // Removing cgroups takes the kernel a while; the framework need not wait for it.
        try? await containerizer.destroy(containerID: spec.containerID)
    }

    /// Waits until the container's task ends; each kill request escalates to SIGKILL once its
    /// grace period has run out (its SIGTERM went out with the request).
    private func waitForTermination(of containerID: String, killRequests: AsyncStream<Double>) async -> ContainerTermination? {
        await withTaskGroup(of: ContainerTermination?.self) { group in
            group.addTask { [containerizer] in
                try? await containerizer.waitForTermination(containerID: containerID)
            }
            group.addTask { [containerizer, clock] in
                for await grace in killRequests {
                    try? await clock.sleep(seconds: grace)
                    if Swift.Task.isCancelled { return nil }
                    try? containerizer.signal(containerID: containerID, signal: SIGKILL)
                }
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    // MARK: Health

    /// Runs `body` (the task's life while it runs) with the task's health check, if it has one,
    /// running beside it; the checks stop, and any check command is killed, when `body` returns.
    private func monitoringHealth<T: Sendable>(
        of key: TaskKey, containerID: String, environment: [String: String], _ body: () async -> T
    ) async -> T {
        guard let check = tasks[key]?.info.healthCheck else { return await body() }
        let probe = check.probe(containerizer: containerizer, containerID: containerID, taskEnvironment: environment)
        let monitor = HealthMonitor(check: check, probe: probe, clock: clock)
        return await withTaskGroup(of: Void.self) { group in
            group.addTask { await monitor.run { change in await self.reportHealth(key, change) } }
            let result = await body()
            group.cancelAll()
            return result
        }
    }

    /// Tells the framework that a running task became healthy or unhealthy, with a TASK_RUNNING
    /// update that goes through the status update manager like any other.
    ///
    /// The agent does not kill an unhealthy task, unlike Mesos's executors: its framework
    /// decides (Services replaces it, as Marathon does; another may wait or only alert).
    private func reportHealth(_ key: TaskKey, _ change: HealthTracker.Change) async {
        // Once a kill was asked for, or the task ended, a RUNNING update would move it back.
        guard let task = tasks[key], task.state == .running, !task.killRequested else { return }
        await report(key, .running, reason: .taskHealthCheckStatusUpdated, message: change.message, healthy: change.healthy)
    }

    private func containerSpec(for task: RunningTask) -> ContainerSpec {
        let environment = Sandbox.environment(
            for: task.info, frameworkID: task.key.frameworkID, agentID: agentID!, sandbox: task.sandbox,
            inherited: Self.processEnvironment())
        let command = task.info.command.map(ContainerCommand.init) ?? .shell("")
        let memory = task.info.resources.mem
        return ContainerSpec(
            containerID: task.containerID, command: command, environment: environment, sandbox: task.sandbox.directory,
            cpus: task.info.resources.cpus > 0 ? task.info.resources.cpus : nil,
            memoryBytes: memory > 0 ? UInt64(memory * 1024 * 1024) : nil)
    }

    // MARK: Kill

    private func kill(_ key: TaskKey, grace: Double?) async {
        guard var task = tasks[key] else {
            await report(unknown: key, message: "Task \(key.taskID) is not known to this agent")
            return
        }
        guard !task.state.isTerminal else { return }
        let firstRequest = !task.killRequested
        task.killRequested = true
        tasks[key] = task
        guard task.launched else { return }  // runTask sees the request as soon as it can
        if firstRequest, task.framework.has(.taskKillingState) { await report(key, .killing) }
        try? containerizer.signal(containerID: task.containerID, signal: SIGTERM)
        let period = grace ?? task.info.killPolicy?.gracePeriodSeconds ?? configuration.defaultKillGrace
        task.killRequests?.yield(period)
    }

    private func shutdownFramework(_ frameworkID: FrameworkID) {
        updates.forget(frameworkID: frameworkID)
        retiredFrameworks.insert(frameworkID)
        for key in tasks.keys where key.frameworkID == frameworkID {
            guard var task = tasks[key], !task.state.isTerminal else { continue }
            task.killRequested = true
            tasks[key] = task
            if task.launched {
                try? containerizer.signal(containerID: task.containerID, signal: SIGTERM)
                task.killRequests?.yield(configuration.defaultKillGrace)
            } else if task.state == .staging {
                tasks[key] = nil  // runTask finds nothing to start
            }
        }
    }

    // MARK: Status updates

    /// Sends a task's new status through the status update manager (in order, until acked).
    private func report(
        _ key: TaskKey, _ state: TaskState, reason: TaskStatus.Reason? = nil, message: String? = nil, healthy: Bool? = nil
    ) async {
        guard var task = tasks[key] else { return }
        task.state = state
        tasks[key] = task
        let status = TaskStatus(
            taskID: key.taskID, state: state, source: .executor, reason: reason, message: message, agentID: agentID,
            executorID: task.executor?.executorID, timestamp: clock.now(), uuid: makeUUID(), healthy: healthy)
        if retiredFrameworks.contains(key.frameworkID) {
            // Nobody listens any more: the task is forgotten as soon as it has ended.
            if state.isTerminal { tasks[key] = nil }
            return
        }
        await deliver(StatusUpdate(frameworkID: key.frameworkID, status: status))
    }

    private func report(unknown key: TaskKey, message: String) async {
        let status = TaskStatus(
            taskID: key.taskID, state: .lost, source: .agent, reason: .reconciliation, message: message,
            agentID: agentID, timestamp: clock.now(), uuid: makeUUID())
        await deliver(StatusUpdate(frameworkID: key.frameworkID, status: status))
    }

    private func deliver(_ update: StatusUpdate) async {
        guard let master, let agentID else { return }
        if let ready = updates.enqueue(update, now: clock.now()) { await master.statusUpdate(ready, from: agentID) }
    }

    private func acknowledge(_ key: TaskKey, uuid: [UInt8]) async {
        guard case .accepted(let next, let terminal) = updates.acknowledge(key, uuid: uuid, now: clock.now()) else { return }
        if terminal, tasks[key]?.state.isTerminal == true { tasks[key] = nil }
        if let next, let master, let agentID { await master.statusUpdate(next, from: agentID) }
    }

    private func resendUnacknowledged() async {
        let interval = min(1, configuration.statusRetryInterval)
        while (try? await clock.sleep(seconds: interval)) != nil {
            guard let master, let agentID else { continue }
            for update in updates.due(now: clock.now()) { await master.statusUpdate(update, from: agentID) }
        }
    }

    // MARK: Usage

    private func sampleUsage() async {
        while (try? await clock.sleep(seconds: configuration.usageInterval)) != nil {
            guard let master, let agentID else { continue }
            var byTask: [TaskKey: ResourceUsage] = [:]
            for (key, task) in tasks where task.launched && !task.state.isTerminal {
                guard let sample = containerizer.usage(containerID: task.containerID) else { continue }
                byTask[key] = ResourceUsage(sample, since: task.lastUsage)
                tasks[key]?.lastUsage = sample
            }
            let total = containerizer.totalUsage()
            let usage = AgentUsage(agentID: agentID, total: ResourceUsage(total, since: lastTotalUsage), tasks: byTask)
            lastTotalUsage = total
            await master.usage(usage)
        }
    }

    // MARK: Helpers

    /// Task IDs may hold any character but '/'; container IDs name cgroups and must be tame.
    static func containerID(for taskID: TaskID, number: Int) -> String {
        let tame = taskID.value.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" }
        return "\(number)-" + String(tame.prefix(60))
    }

    private func makeUUID() -> [UInt8] {
        (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }

    // MARK: Views

    /// Where a task's stdout and stderr are, while the agent knows the task.
    public func sandbox(of key: TaskKey) -> Sandbox? {
        if let task = tasks[key] { return task.sandbox }
        guard let agentID else { return nil }
        return Sandbox(workDirectory: configuration.workDirectory, agentID: agentID, frameworkID: key.frameworkID, taskID: key.taskID)
    }
}
