import CorralModel
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// An agent: an `AgentCore` and the effects it asks for. It runs the tasks the master launches
/// on it as real processes in their own containers (each under a supervisor that outlives the
/// agent), checkpoints what it must not forget, reports statuses reliably, samples usage, and
/// comes back after a restart with the same ID and the same tasks.
///
/// Every input — the master's messages, containers ending, health changes, the core's own
/// deadlines — goes through one inbox, handled one at a time, so the core's decisions are carried
/// out in the order it made them.
public actor Agent: AgentLink {
    public let configuration: AgentConfiguration
    public let containerizer: Containerizer
    var core: AgentCore
    let checkpoint: AgentCheckpoint
    var identity: AgentCheckpoint.Identity
    let clock: any ClusterClock
    let logger: Logger
    let inbox: AsyncStream<AgentCore.Event>
    let inboxSink: AsyncStream<AgentCore.Event>.Continuation
    let outbox: AsyncStream<Outgoing>
    let outboxSink: AsyncStream<Outgoing>.Continuation
    /// What the checkpoint held, taken over when `run` starts.
    var pendingRecovery: AgentCheckpoint.Recovered?
    var healthChecks: [TaskKey: Task<Void, Never>] = [:]
    var watchers: [TaskKey: ContainerWatch] = [:]
    /// Containers being destroyed off the inbox's path.
    var cleanups: [String: Task<Void, Never>] = [:]
    var timer: Task<Void, Never>?
    var armedDeadline: ClusterInstant?
    var lastUsage: [TaskKey: ContainerUsage] = [:]
    var lastTotalUsage: ContainerUsage?
    /// Why the agent stops on its own: it drained, or the master refused it.
    var ending: AgentCore.Action?
    /// The master's messages that came before the agent knew its ID (a first registration).
    var early: [AgentCore.Event] = []
    /// Containers whose task could not be checkpointed: they are not started.
    var uncheckpointed: Set<String> = []
    let startedAt: Time
    /// The master when it is in this process: what goes to it is sent from the agent's turn.
    var masterInProcess: (any MasterLink)?

    enum Outgoing: Sendable {
        case update(StatusUpdate)
        case usage(AgentUsage)
        case draining
    }

    /// Opens the checkpoint and the containerizer. A checkpoint written in another boot is
    /// discarded (its tasks ended with that boot); the agent's ID is kept either way.
    public init(configuration: AgentConfiguration, clock: any ClusterClock = SystemClock(), logger: Logger) throws {
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        startedAt = clock.now.wall
        checkpoint = AgentCheckpoint(directory: configuration.checkpointDirectory, makingSpares: true)
        let bootID = configuration.bootID ?? AgentCheckpoint.currentBootID()
        var recovered = checkpoint.recover()
        if let previous = recovered.identity, previous.bootID != bootID {
            logger.warning("the host rebooted since this agent last ran (boot ID \(previous.bootID), now \(bootID)): its tasks ended with that boot; nothing to recover")
            checkpoint.forgetTasks()
            recovered = AgentCheckpoint.Recovered(identity: previous)
        }
        identity = AgentCheckpoint.Identity(agentID: recovered.identity?.agentID, name: recovered.identity?.name ?? configuration.name, bootID: bootID)
        containerizer = try Containerizer(
            name: identity.name, isolation: configuration.isolation, recordsDirectory: checkpoint.containersDirectory,
            keepingContainers: recovered.identity != nil, spares: checkpoint.spares, logger: logger)
        do { try checkpoint.save(identity) } catch { throw AgentCheckpointError(problem: "\(error)") }
        core = AgentCore(configuration: configuration.core, agentID: identity.agentID, seed: UInt64.random(in: 0...UInt64.max))
        pendingRecovery = recovered
        (inbox, inboxSink) = AsyncStream.makeStream(of: AgentCore.Event.self)
        (outbox, outboxSink) = AsyncStream.makeStream(of: Outgoing.self)
    }

    /// The isolation in use (`cgroups/v1`, `cgroups/v2` or `posix`) and why it was chosen.
    public nonisolated var isolation: String { containerizer.mode.rawValue }
    public nonisolated var isolationReason: String { containerizer.modeReason }
    public var agentID: AgentID? { core.agentID }

    public nonisolated func send(_ message: AgentMessage) {
        inboxSink.yield(.message(message))
    }

    /// SIGUSR1: kill every task, deliver their terminal statuses, unregister, and return from `run`.
    public nonisolated func drain() {
        inboxSink.yield(.drain)
    }

    /// Takes over what the checkpoint holds, registers with the master (again, with the same ID
    /// and what it still holds, whenever the connection is lost), and works until cancelled,
    /// drained, or refused. Cancelled, an embedded agent kills its tasks and unregisters; a
    /// standalone one leaves them running for its next start. Throws `AgentRefused` when the
    /// master marked the agent gone (its tasks are killed first).
    public func run(master: any MasterLink) async throws {
        if master.isInProcess { masterInProcess = master }
        await recover()
        await withDiscardingTaskGroup { group in
            group.addTask { await self.sampleUsage() }
            group.addTask { await self.collectSandboxes() }
            group.addTask { await self.deliverOutbox(to: master) }
            group.addTask { await self.stayRegistered(with: master) }
            // A drain resumed by `recover` may already be over (nothing was left to kill).
            if ending == nil {
                for await event in inbox {
                    await handle(event)
                    if ending != nil { break }
                }
            }
            group.cancelAll()
        }
        await stop(master: master)
        if case .stop(let reason) = ending { throw AgentRefused(reason: reason) }
    }

    // MARK: Registration

    /// Registers, and registers again each time the connection to the master is lost, until
    /// cancelled or refused (the agent was marked gone: its tasks are then killed).
    private func stayRegistered(with master: any MasterLink) async {
        while !Task.isCancelled {
            let registration: AgentRegistration
            do {
                registration = try await register(with: master)
            } catch let refused as AgentRefused {
                logger.error("the master refused the agent: \(refused.reason)")
                inboxSink.yield(.message(.shutdown(reason: refused.reason)))
                return
            } catch {
                return  // cancelled
            }
            inboxSink.yield(.registered(registration.agentID))
            await registration.connectionLost()
            guard !Task.isCancelled else { return }
            inboxSink.yield(.disconnected)
            logger.warning("connection to the master lost; registering again", metadata: ["agent": "\(identity.agentID?.value ?? "-")"])
        }
    }

    /// Registers with what the agent holds, retrying with backoff until the master answers;
    /// only a refusal or cancellation ends the tries. The ID the master gives is checkpointed
    /// before the agent acts on anything the master says.
    private func register(with master: any MasterLink) async throws -> AgentRegistration {
        var delay: Duration = .milliseconds(100)
        while true {
            try Task.checkCancellation()
            do {
                let inventory = core.inventory
                let registration = try await master.register(agentInfo, isolation: isolation, inventory: inventory, link: self)
                if identity.agentID != registration.agentID {
                    identity.agentID = registration.agentID
                    try? checkpoint.save(identity)
                }
                logger.info("agent registered", metadata: ["agent": "\(registration.agentID)", "isolation": "\(isolation)", "tasks": "\(inventory.tasks.count)"])
                return registration
            } catch let refused as AgentRefused {
                throw refused
            } catch {
                logger.warning("cannot register with the master: \(error); trying again in \(formatScalar(delay.seconds)) s")
                try await clock.sleep(for: delay)
                delay = min(delay * 2, .seconds(5))
            }
        }
    }

    var agentInfo: AgentInfo {
        AgentInfo(id: identity.agentID, hostname: configuration.hostname, port: configuration.port, resources: configuration.resources, attributes: configuration.attributes)
    }

    /// What goes to the master, in the order the agent made it: from this turn to a master in
    /// this process, else through the outbox, off the inbox's path.
    func post(_ item: Outgoing) async {
        if let masterInProcess {
            await deliver(item, to: masterInProcess)
        } else {
            outboxSink.yield(item)
        }
    }

    /// Sends statuses and usage to the master in order, off the inbox's path.
    private func deliverOutbox(to master: any MasterLink) async {
        for await item in outbox { await deliver(item, to: master) }
    }

    private func deliver(_ item: Outgoing, to master: any MasterLink) async {
        guard let agentID = core.agentID else { return }
        switch item {
        case .update(let update): await master.statusUpdate(update, from: agentID)
        case .usage(let usage): await master.usage(usage)
        case .draining: await master.draining(agentID)
        }
    }

    // MARK: Stopping

    /// Cancelled: an embedded agent kills everything and unregisters; a standalone one lets go
    /// of its tasks, which its next start takes over. Drained: the tasks are gone; unregister.
    private func stop(master: any MasterLink) async {
        timer?.cancel()
        for task in healthChecks.values { task.cancel() }
        for watch in watchers.values { watch.cancel() }
        for cleanup in cleanups.values { await cleanup.value }
        let agentID = core.agentID
        switch ending {
        case .unregister(let reason):
            // Its tasks have ended: nothing is left to keep, cgroups included.
            await containerizer.destroyAll()
            if let agentID { await master.unregister(agentID, reason: reason) }
            checkpoint.forgetDraining()
        case .stop:
            await containerizer.destroyAll()
        default:
            switch configuration.stopping {
            case .killTasks:
                await containerizer.destroyAll()
                if let agentID { await master.unregister(agentID, reason: "agent shut down") }
                // Unregistered, with nothing left running: there is nothing to come back to (an
                // embedded cluster's next agents have names of their own). It was left behind in
                // the work directory on every exit.
                CheckpointFile.removeTree(checkpoint.directory)
            case .leaveTasksRunning:
                containerizer.release()
                logger.info("agent stopped; its tasks go on under their supervisors until it starts again")
            }
        }
        outboxSink.finish()
    }

    // MARK: Views

    /// Where a task's stdout and stderr are.
    public func sandbox(of key: TaskKey) -> Sandbox? {
        guard let agentID = core.agentID else { return nil }
        return Sandbox(workDirectory: configuration.workDirectory, agentID: agentID, frameworkID: key.frameworkID, taskID: key.taskID)
    }
}

/// The agent's checkpoint cannot be written: it could not come back after a restart.
public struct AgentCheckpointError: Error, CustomStringConvertible {
    public var problem: String
    public var description: String { "cannot write the agent's checkpoint: \(problem)" }
}
