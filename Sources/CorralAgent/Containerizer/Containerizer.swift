import CLauncher
import CorralModel
import Glibc
import Logging
import Synchronization

/// Runs tasks as real processes in their sandboxes, isolated with cgroups v2, cgroups v1 or
/// posix. Each task's parent is a supervisor of its own (`corral-supervisor`), so tasks outlive
/// the agent; the supervisor records the task's pids and how it ended in the container's records
/// directory, where a restarted agent finds them again (`recover`). Each process starts in its
/// own session, already inside its cgroups. A container lives from `launch` (or `recover`) until
/// `destroy` (or `destroyAll`).
public final class Containerizer: Sendable {
    /// The agent this containerizer serves; it names the parent cgroup `corral/<name>`.
    public let name: String
    public let mode: IsolationMode
    /// Why `mode` was chosen, including why better modes were not.
    public let modeReason: String

    /// Where each container's supervisor writes its pids and how the task ended:
    /// `<records>/<container ID>.supervisor`.
    public let recordsDirectory: String
    private let isolator: any Isolator
    private let reaper: ChildReaper
    private let supervisor: SupervisorServer
    /// Sandboxes and records made ahead of launches.
    private let spares: FileSpares?
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var containers: [String: Container] = [:]
        /// IDs between the duplicate check and the record, so two launches of one ID cannot race.
        var launching: Set<String> = []
        var isShutDown = false
    }

    private struct Container: Sendable {
        /// The first process: session leader, and the one whose exit ends the container.
        let pid: pid_t
        let termination: Latch<ContainerTermination>
        /// The sandbox's canonical path, where `exec` runs commands too.
        let sandbox: String
    }

    /// How a container found in the records directory stands.
    public enum Recovered: Sendable, Hashable {
        /// Its task still runs, with its supervisor: the container is the containerizer's again.
        case running(pid: pid_t)
        /// Its task ended while nobody was watching; this is how.
        case ended(ContainerTermination)
        /// It never started (or its supervisor failed before the task ran).
        case neverStarted
    }

    /// Chooses the isolation (see `IsolationRequest`) and creates the parent cgroups. With
    /// `keepingContainers` (an agent that recovers its tasks) cgroups already there stay, with
    /// their processes; otherwise those left by a crashed run with the same name are killed.
    public convenience init(
        name: String, isolation: IsolationRequest, recordsDirectory: String, keepingContainers: Bool = false, spares: FileSpares? = nil,
        logger: Logger
    ) throws(ContainerizerError) {
        try self.init(
            name: name, isolation: isolation, mounts: .current(), recordsDirectory: recordsDirectory, keepingContainers: keepingContainers,
            spares: spares, logger: logger)
    }

    init(
        name: String, isolation: IsolationRequest, mounts: CgroupMounts, recordsDirectory: String, keepingContainers: Bool = false,
        spares: FileSpares? = nil, logger: Logger
    ) throws(ContainerizerError) {
        try ContainerSpec.validate(containerID: name)
        let created = SystemFile.createDirectories(recordsDirectory)
        guard created == 0 else { throw .launchFailed(containerID: name, "mkdir \(recordsDirectory): \(SystemFile.describe(created))") }
        let choice = try IsolationChoice(request: isolation, name: name, mounts: mounts, keepingContainers: keepingContainers, logger: logger)
        self.name = name
        self.recordsDirectory = recordsDirectory
        self.isolator = choice.isolator
        self.mode = choice.isolator.mode
        self.modeReason = choice.reason
        self.reaper = .shared
        self.supervisor = SupervisorServer(executable: try SupervisorServer.locate(), name: name)
        self.spares = spares
        self.logger = logger
        logger.info("Containerizer isolation", metadata: ["mode": "\(mode.rawValue)", "reason": "\(modeReason)"])
    }

    /// Where the container's supervisor writes its records.
    public func records(of id: String) -> String { AgentCheckpoint.supervisorRecord(in: recordsDirectory, containerID: id) }

    /// The parent cgroups, one per hierarchy (`…/corral/<name>`); empty under posix.
    public var cgroupRoots: [String] { isolator.roots }

    /// Starts the container's command and returns its pid once it runs the user's program (or
    /// throws, naming the step that failed). Its termination can be awaited at once.
    public func launch(_ spec: ContainerSpec) async throws(ContainerizerError) -> pid_t {
        let id = spec.containerID
        try ContainerSpec.validate(containerID: id)
        try state.withLock { (state) throws(ContainerizerError) in
            guard !state.isShutDown else { throw .shutDown }
            guard state.containers[id] == nil, !state.launching.contains(id) else { throw .duplicateContainer(id) }
            state.launching.insert(id)
        }
        defer { state.withLock { _ = $0.launching.remove(id) } }

        var request: ProcessLaunch
        do {
            request = try makeRequest(spec)
        } catch {
            throw .launchFailed(containerID: id, error.message)
        }
        do {
            request.cgroupJoinFiles = try isolator.prepare(id, cpus: spec.cpus, memoryBytes: spec.memoryBytes)
        } catch {
            try? isolator.destroy(id, leader: nil)
            throw error
        }
        let started: SupervisorServer.Started
        do throws(LaunchProblem) {
            _ = spares?.emptyFile(at: records(of: id))
            started = try supervisor.start(request, records: records(of: id))
        } catch {
            try? isolator.destroy(id, leader: nil)
            throw .launchFailed(containerID: id, error.message)
        }
        let termination = watch(supervisor: started.supervisor, of: id, memoryLimit: spec.memoryBytes)
        let accepted = state.withLock { state in
            guard !state.isShutDown else { return false }
            state.containers[id] = Container(pid: started.task, termination: termination, sandbox: request.directory)
            return true
        }
        guard accepted else {
            // destroyAll ran meanwhile; the supervisor still records the end.
            killpg(started.task, SIGKILL)
            throw .shutDown
        }
        logger.debug("Launched container", metadata: ["container": "\(id)", "pid": "\(started.task)", "supervisor": "\(started.supervisor)"])
        return started.task
    }

    /// Makes ready what the next launch would otherwise make on its path (its cgroups, its
    /// sandbox and files). The agent calls it once a launch is answered, while that task runs.
    public func prepareAhead() {
        isolator.prepareAhead()
        spares?.replenish()
    }

    /// Finds a container again after the agent restarted, from what its supervisor recorded. A
    /// running one is the containerizer's again (signal, usage, exec, destroy work as before);
    /// for one that ended, its cgroups still tell whether the memory limit killed it.
    public func recover(containerID id: String, sandbox: String, memoryLimitBytes: UInt64?) throws(ContainerizerError) -> Recovered {
        try ContainerSpec.validate(containerID: id)
        let records = records(of: id)
        let sandbox = SystemFile.realPath(sandbox) ?? sandbox
        guard let pids = SupervisorRecords.pids(in: records) else { return .neverStarted }
        if SupervisorRecords.isSupervisor(pids.supervisor), SupervisorRecords.status(in: records) == nil {
            let termination = watch(supervisor: pids.supervisor, of: id, memoryLimit: memoryLimitBytes)
            try state.withLock { (state) throws(ContainerizerError) in
                guard !state.isShutDown else { throw .shutDown }
                guard state.containers[id] == nil else { throw .duplicateContainer(id) }
                state.containers[id] = Container(pid: pids.task, termination: termination, sandbox: sandbox)
            }
            return .running(pid: pids.task)
        }
        let termination = ended(id, memoryLimit: memoryLimitBytes)
        // Whatever the task left behind is the containerizer's to destroy.
        state.withLock { state in
            if state.containers[id] == nil { state.containers[id] = Container(pid: pids.task, termination: Latch(completed: termination), sandbox: sandbox) }
        }
        return .ended(termination)
    }

    /// Kills and removes what a container that never started may have left: its cgroups.
    public func removeLeftovers(containerID id: String) {
        try? isolator.destroy(id, leader: nil)
    }

    /// Lets go of every container without touching it: the tasks run on under their
    /// supervisors, for an agent that stops to be restarted (SIGTERM). The agent's own cgroups
    /// go when no container is left in them: `rmdir` removes only an empty cgroup, so one with
    /// tasks still running stays for the next start. Otherwise every agent stopped with nothing
    /// running, whose work directory is then removed, would leave an empty cgroup for ever.
    public func release() {
        state.withLock { state in
            state.isShutDown = true
            state.containers.removeAll()
        }
        isolator.releaseAhead()
        spares?.close()
        for root in isolator.roots { rmdir(root) }
    }

    /// The container's end, as its supervisor will record it: watched through a pidfd on the
    /// supervisor, which is not this process's child (the server forked it).
    private func watch(supervisor: pid_t, of id: String, memoryLimit: UInt64?) -> Latch<ContainerTermination> {
        let termination = Latch<ContainerTermination>()
        let complete: @Sendable () -> Void = { [self] in termination.complete(ended(id, memoryLimit: memoryLimit)) }
        let pidfd = corral_pidfd_open(supervisor)
        guard pidfd >= 0 else {
            complete()  // already gone: its status is written
            return termination
        }
        do {
            try reaper.watchExit(pidfd: pidfd, handler: complete)
        } catch {
            logger.error("Cannot watch a task's supervisor", metadata: ["container": "\(id)", "error": "\(error)"])
            complete()
        }
        return termination
    }

    /// How the container's task ended, from its supervisor's `status` (lost if the supervisor
    /// was killed first) and its cgroups.
    private func ended(_ id: String, memoryLimit: UInt64?) -> ContainerTermination {
        guard let status = SupervisorRecords.status(in: records(of: id)) else {
            return ContainerTermination(exit: .signaled(SIGKILL), oomKilled: isolator.oomKilled(id), memoryLimitBytes: memoryLimit, statusLost: true)
        }
        return ContainerTermination(exit: status, oomKilled: isolator.oomKilled(id), memoryLimitBytes: memoryLimit)
    }

    /// Runs `command` beside the container's task, as `docker exec` does: in the container's
    /// sandbox and cgroups (so its limits and accounting cover it, and destroying the container
    /// kills it), in a session of its own, with exactly `environment`. Its output replaces the
    /// sandbox's `<outputName>.stdout` and `<outputName>.stderr`. Returns how it ended once the
    /// reaper has reaped it. Cancelling the calling task kills it (SIGKILL to its process group)
    /// and still waits until it is reaped: nothing is left behind.
    public func exec(
        _ command: ContainerCommand, environment: [String: String], in id: String, outputName: String, as user: TaskUser? = nil
    ) async throws(ContainerizerError) -> ExitStatus {
        let container = try container(id)
        // A process that joined the cgroups of a container whose task has ended would outlive it.
        guard container.termination.result == nil else { throw .launchFailed(containerID: id, "its task has ended") }
        let stdoutPath = container.sandbox + "/" + outputName + ".stdout"
        let stderrPath = container.sandbox + "/" + outputName + ".stderr"
        for path in [stdoutPath, stderrPath] { truncate(path, 0) }  // ENOENT: the first run creates it
        let child: LaunchedProcess
        do {
            var request = try processLaunch(command, environment: environment, directory: container.sandbox, stdoutPath: stdoutPath, stderrPath: stderrPath)
            request.cgroupJoinFiles = isolator.cgroupJoinFiles(of: id)
            request.user = user
            child = try request.start()
        } catch {
            throw .launchFailed(containerID: id, error.message)
        }
        let exit = Latch<ExitStatus>()
        do {
            try reaper.watch(pidfd: child.pidfd) { exit.complete($0) }
        } catch {
            killpg(child.pid, SIGKILL)
            waitpid(child.pid, nil, 0)
            throw .launchFailed(containerID: id, error.description)
        }
        return await withTaskCancellationHandler {
            await exit.wait()
        } onCancel: {
            // Only while it is unreaped is the pid surely still its process group's.
            if exit.result == nil { killpg(child.pid, SIGKILL) }
        }
    }

    /// How the container's first process ended, with OOM detection. Returns as soon as it has
    /// been reaped, and the same value to every call until the container is destroyed.
    public func waitForTermination(containerID id: String) async throws(ContainerizerError) -> ContainerTermination {
        try await container(id).termination.wait()
    }

    /// Calls `handler` with how the container's first process ended, once it has been reaped:
    /// on the reaper's thread (or at once when it already was), so it must be quick.
    public func whenTerminated(containerID id: String, _ handler: @escaping @Sendable (ContainerTermination) -> Void) throws(ContainerizerError) {
        try container(id).termination.whenComplete(handler)
    }

    /// Sends `signal` to the container's whole tree: its process group, and every process its
    /// isolation still finds (cgroup members, or session members under posix), so processes that
    /// left the group are hit too.
    public func signal(containerID id: String, signal: Int32) throws(ContainerizerError) {
        deliver(signal, to: try container(id), id: id)
    }

    /// The container's processes still running, as its isolation sees them.
    public func processes(containerID id: String) throws(ContainerizerError) -> [pid_t] {
        isolator.processes(of: id, leader: try container(id).pid)
    }

    /// The container's counters now, or nil for an unknown container.
    public func usage(containerID id: String) -> ContainerUsage? {
        guard let container = try? container(id) else { return nil }
        return isolator.usage(of: id, leader: container.pid)
    }

    /// All containers together: the parent cgroup's counters, or the sum over sessions under posix.
    public func totalUsage() -> ContainerUsage {
        let leaders = state.withLock { $0.containers.values.map(\.pid) }
        return isolator.totalUsage(leaders: leaders)
    }

    /// Kills whatever is left of the container (SIGKILL), waits for its first process to be
    /// reaped, and removes its cgroups. The container is then forgotten.
    public func destroy(containerID id: String) async throws(ContainerizerError) {
        let container = try container(id)
        try await destroy(container, id: id)
        state.withLock { _ = $0.containers.removeValue(forKey: id) }
    }

    /// Destroys every container and removes the parent cgroups, so that nothing is left running
    /// when the agent exits. Later launches throw `shutDown`.
    public func destroyAll() async {
        let containers = state.withLock { state in
            state.isShutDown = true
            return state.containers
        }
        spares?.close()
        for (id, container) in containers { deliver(SIGKILL, to: container, id: id) }
        for (id, container) in containers {
            do {
                try await destroy(container, id: id)
            } catch {
                logger.error("Could not destroy container", metadata: ["container": "\(id)", "error": "\(error)"])
            }
        }
        state.withLock { $0.containers.removeAll() }
        do {
            try isolator.destroyRoots()
        } catch {
            logger.error("Could not remove the parent cgroups", metadata: ["error": "\(error)"])
        }
    }

    private func container(_ id: String) throws(ContainerizerError) -> Container {
        guard let container = state.withLock({ $0.containers[id] }) else { throw .unknownContainer(id) }
        return container
    }

    private func deliver(_ signal: Int32, to container: Container, id: String) {
        // Only while the leader is unreaped is its pid surely still this container's group.
        if container.termination.result == nil { killpg(container.pid, signal) }
        for pid in isolator.processes(of: id, leader: container.pid) { kill(pid, signal) }
    }

    private func destroy(_ container: Container, id: String) async throws(ContainerizerError) {
        if container.termination.result == nil { deliver(SIGKILL, to: container, id: id) }
        _ = await container.termination.wait()
        try isolator.destroy(id, leader: container.pid)
    }

    /// The launch in C terms, minus the cgroups. The sandbox is created here, before any cgroup,
    /// so a bad sandbox or program leaves nothing to clean up.
    private func makeRequest(_ spec: ContainerSpec) throws(LaunchProblem) -> ProcessLaunch {
        // A spare comes already the user's; otherwise the task's child makes its standard files.
        let spare = spares?.sandbox(at: spec.sandbox, for: spec.user) ?? false
        let created = spare ? 0 : SystemFile.createDirectories(spec.sandbox)
        guard created == 0, let sandbox = SystemFile.realPath(spec.sandbox) else {
            throw LaunchProblem("mkdir \(spec.sandbox): \(SystemFile.describe(created == 0 ? errno : created))")
        }
        if !spare, let user = spec.user, chown(sandbox, user.uid, user.gid) != 0 {
            throw LaunchProblem("chown \(sandbox) to user \(user.name): \(SystemFile.describe(errno))")
        }
        var launch = try processLaunch(
            spec.command, environment: spec.environment, directory: sandbox, stdoutPath: sandbox + "/stdout", stderrPath: sandbox + "/stderr")
        launch.user = spec.user
        return launch
    }

    private func processLaunch(
        _ command: ContainerCommand, environment: [String: String], directory: String, stdoutPath: String, stderrPath: String
    ) throws(LaunchProblem) -> ProcessLaunch {
        let (executable, argv) = try command.resolve(path: environment["PATH"])
        return ProcessLaunch(
            executable: executable,
            argv: argv,
            environment: environment.map { "\($0.key)=\($0.value)" },
            directory: directory,
            stdoutPath: stdoutPath,
            stderrPath: stderrPath,
            cgroupJoinFiles: []
        )
    }
}
