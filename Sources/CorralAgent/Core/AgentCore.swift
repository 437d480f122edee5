import CorralModel

/// The agent's whole logic as a value, beside the master's: `handle` takes an event and the time
/// and returns what must happen, in order; `nextDeadline` says when it next needs a `.tick`. It
/// performs no I/O and reads no clock; its uuids come from a seeded generator, so a sequence of
/// events always leads to the same actions.
///
/// The `Agent` actor carries the actions out: it writes the checkpoint before it sends what the
/// checkpoint records (durable before acknowledged), runs containers, and feeds back how they
/// started and ended.
public struct AgentCore: Sendable {
    public struct Configuration: Hashable, Sendable {
        /// First re-send of an unacknowledged status update (then doubling, up to 10 minutes).
        public var statusRetryInterval: Duration = .seconds(10)
        /// Grace between SIGTERM and SIGKILL when neither the kill nor the task says.
        public var defaultKillGrace: Duration = .clampedSeconds(KillPolicy.default.gracePeriodSeconds)
        /// How long a draining agent waits for its tasks' ends to be acknowledged before it
        /// unregisters anyway (the master then tells their frameworks the agent is gone).
        public var drainTimeout: Duration = .seconds(30)

        public init() {}
    }

    public enum Event: Sendable, Hashable {
        /// Registered with a master (again): updates in flight go out at once.
        case registered(AgentID)
        case disconnected
        case message(AgentMessage)
        case containerStarted(TaskKey)
        case containerFailedToStart(TaskKey, message: String)
        case containerEnded(TaskKey, ContainerTermination)
        case healthChanged(TaskKey, healthy: Bool, message: String)
        /// SIGUSR1: kill every task, deliver their ends, unregister, stop.
        case drain
        case tick
    }

    public enum Action: Sendable, Hashable {
        case checkpointFramework(FrameworkInfo)
        case forgetFramework(FrameworkID)
        case checkpointTask(AgentCheckpoint.TaskRecord)
        case checkpointUpdate(StatusUpdate, containerID: String)
        case checkpointAcknowledgement(uuid: [UInt8], containerID: String)
        /// The task ended and its framework acknowledged every update: its checkpoint goes.
        case forgetTask(containerID: String)
        case launchContainer(TaskKey)
        /// Start following the container of a running task: its end comes back as an event.
        case watchContainer(TaskKey)
        case signal(containerID: String, Int32)
        /// Kill what is left of an ended container and remove its cgroups.
        case destroyContainer(containerID: String)
        case startHealthChecks(TaskKey)
        case stopHealthChecks(TaskKey)
        case send(StatusUpdate)
        /// Write down that the agent drains, before it kills anything: an agent killed while
        /// draining goes on draining when it starts again (see `resumeDrain`).
        case checkpointDraining
        /// Tell the master the agent drains, so that it is offered no more.
        case announceDraining
        /// Drained: tell the master the agent leaves, then stop.
        case unregister(reason: String)
        /// Stop without unregistering (the master marked the agent gone).
        case stop(reason: String)
    }

    public let configuration: Configuration
    public internal(set) var agentID: AgentID?
    var frameworks: [FrameworkID: FrameworkInfo] = [:]
    var tasks: [TaskKey: AgentTask] = [:]
    var updates: StatusUpdateManager
    /// Frameworks the master tore down: their tasks are killed and their updates dropped.
    var retiredFrameworks: Set<FrameworkID> = []
    var random: SeededRandom
    var nextContainer = 0
    var connected = false
    /// Draining (SIGUSR1), or shutting down because the master marked the agent gone.
    var ending: Ending?
    var finished = false
    /// When a draining agent stops waiting for acknowledgements.
    var drainDeadline: ClusterInstant?
    /// Tasks the agent let go of, oldest first, at most `completedTaskLimit`: what its
    /// endpoints show as completed.
    public internal(set) var completedTasks: [AgentTask] = []
    /// How many tasks ended in each terminal state since the agent started (its metrics).
    public internal(set) var endedTasks: [TaskState: Int] = [:]

    enum Ending: Hashable, Sendable {
        case draining
        case goneByOperator(String)
    }

    public init(configuration: Configuration = Configuration(), agentID: AgentID? = nil, seed: UInt64) {
        self.configuration = configuration
        self.agentID = agentID
        self.updates = StatusUpdateManager(initialBackoff: configuration.statusRetryInterval)
        self.random = SeededRandom(seed: seed)
    }

    public mutating func handle(_ event: Event, now: ClusterInstant) -> [Action] {
        var actions: [Action] = []
        switch event {
        case .registered(let id):
            agentID = id
            connected = true
            // A master that heard DRAINING before the connection dropped (or a new one) heard
            // it again in REGISTER: `inventory` says it.
            for update in updates.resendAll(now: now) { actions.append(.send(update)) }
        case .disconnected:
            connected = false
        case .message(.launch(let request)):
            launch(request, now: now, into: &actions)
        case .message(.kill(let frameworkID, let taskID, let policy)):
            kill(TaskKey(frameworkID, taskID), grace: policy.map { .clampedSeconds($0.gracePeriodSeconds) }, now: now, into: &actions)
        case .message(.acknowledge(let frameworkID, let taskID, let uuid)):
            acknowledge(TaskKey(frameworkID, taskID), uuid: uuid, now: now, into: &actions)
        case .message(.shutdownFramework(let frameworkID)):
            shutdownFramework(frameworkID, now: now, into: &actions)
        case .message(.shutdown(let reason)):
            end(.goneByOperator(reason), now: now, into: &actions)
        case .containerStarted(let key):
            containerStarted(key, now: now, into: &actions)
        case .containerFailedToStart(let key, let message):
            containerFailed(key, message: message, now: now, into: &actions)
        case .containerEnded(let key, let termination):
            containerEnded(key, termination, now: now, into: &actions)
        case .healthChanged(let key, let healthy, let message):
            // Once a kill was asked for, or the task ended, a RUNNING update would move it back.
            // The agent does not kill an unhealthy task (Mesos's executors do): its framework
            // decides (Services replaces it, as Marathon does; another may wait or only alert).
            guard let task = tasks[key], task.state == .running, !task.killRequested else { break }
            report(key, .running, reason: .taskHealthCheckStatusUpdated, message: message, healthy: healthy, now: now, into: &actions)
        case .drain:
            end(.draining, now: now, into: &actions)
        case .tick:
            tick(now: now, into: &actions)
        }
        checkFinished(now: now, into: &actions)
        return actions
    }

    /// When the core next needs a `.tick`: a kill to escalate, an update to send again.
    public var nextDeadline: ClusterInstant? {
        let kills = tasks.values.compactMap(\.killDeadline).min()
        let retries = connected ? updates.nextDeadline : nil
        // The drain deadline matters once every container has ended (a container's end is an
        // event of its own). Named while one still runs inside a long kill grace, a passed drain
        // deadline woke the agent again at once, and again: a core spun until the task died.
        let containersEnded = tasks.values.allSatisfy { !$0.launched || $0.containerEnded }
        let drain = finished || !containersEnded ? nil : drainDeadline
        return [kills, retries, drain].compactMap { $0 }.min()
    }

    private mutating func tick(now: ClusterInstant, into actions: inout [Action]) {
        for key in tasks.keys.sorted() {
            guard let task = tasks[key], let deadline = task.killDeadline, deadline <= now else { continue }
            tasks[key]?.killDeadline = nil
            if task.launched, !task.containerEnded { actions.append(.signal(containerID: task.containerID, SIGKILL_NUMBER)) }
        }
        guard connected else { return }
        for update in updates.due(now: now) { actions.append(.send(update)) }
    }

    /// Once draining (or told to stop) and nothing is left to wait for, the agent stops. A
    /// draining agent whose tasks have all ended waits for their acknowledgements until the
    /// drain timeout.
    private mutating func checkFinished(now: ClusterInstant, into actions: inout [Action]) {
        guard let ending, !finished else { return }
        switch ending {
        case .draining:
            let ended = tasks.values.allSatisfy { !$0.launched || $0.containerEnded }
            let delivered = tasks.isEmpty && updates.isEmpty
            guard delivered || (ended && now >= drainDeadline ?? now) else { return }
            finished = true
            actions.append(.unregister(reason: delivered ? "agent drained" : "agent drained; \(tasks.count) task end(s) not acknowledged within \(formatScalar(configuration.drainTimeout.seconds)) s"))
        case .goneByOperator(let reason):
            guard tasks.values.allSatisfy({ !$0.launched || $0.containerEnded }) else { return }
            finished = true
            for task in tasks.values.sorted(by: { $0.containerID < $1.containerID }) {
                remember(task)
                actions.append(.forgetTask(containerID: task.containerID))
            }
            for id in frameworks.keys.sorted() { actions.append(.forgetFramework(id)) }
            tasks = [:]
            frameworks = [:]
            actions.append(.stop(reason: reason))
        }
    }

    // MARK: Views

    public func task(_ key: TaskKey) -> AgentTask? { tasks[key] }

    /// Every task the agent still tracks (running, or ended and not yet acknowledged).
    public var taskKeys: [TaskKey] { Array(tasks.keys) }

    /// Tasks whose containers run, for usage sampling.
    public var runningContainers: [(key: TaskKey, containerID: String)] {
        tasks.filter { $0.value.launched && !$0.value.containerEnded }.map { ($0.key, $0.value.containerID) }.sorted { $0.key < $1.key }
    }

    /// What the agent holds, for the master when it registers again: every task it still knows
    /// (one that ended is listed with its end until that is acknowledged) and their frameworks.
    public var inventory: AgentInventory {
        let reported = tasks.values.filter { !retiredFrameworks.contains($0.frameworkID) }.sorted { ($0.frameworkID, $0.info.taskID) < ($1.frameworkID, $1.info.taskID) }
        let frameworkIDs = Set(reported.map(\.frameworkID))
        return AgentInventory(
            frameworks: frameworkIDs.sorted().compactMap { frameworks[$0] },
            tasks: reported.map { RunningTaskReport(frameworkID: $0.frameworkID, task: $0.info, state: $0.state, executorID: $0.executor?.executorID) },
            draining: ending == .draining)
    }

    public var isFinished: Bool { finished }

    /// Whether some status update still waits for its framework's acknowledgement.
    public var awaitsAcknowledgements: Bool { !updates.isEmpty }

    /// Task IDs may hold any character but '/'; container IDs name cgroups and directories and
    /// must be tame.
    static func containerID(for taskID: TaskID, number: Int) -> String {
        let tame = taskID.value.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") ? $0 : "_" }
        return "\(number)-" + String(tame.prefix(60))
    }

    mutating func makeUUID() -> [UInt8] {
        let high = random.next()
        let low = random.next()
        return (0..<8).map { UInt8(truncatingIfNeeded: high >> ($0 * 8)) } + (0..<8).map { UInt8(truncatingIfNeeded: low >> ($0 * 8)) }
    }
}

/// SIGTERM and SIGKILL as the core names them, without importing the C library.
let SIGTERM_NUMBER: Int32 = 15
let SIGKILL_NUMBER: Int32 = 9
