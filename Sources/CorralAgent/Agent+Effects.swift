import CorralModel
import Logging

#if canImport(Glibc)
import Glibc
#endif

extension Agent {
    /// One input through the core, and its actions carried out in order. A container that
    /// starts (or fails to) feeds the core at once, inside the same turn.
    func handle(_ event: AgentCore.Event) async {
        // A new agent learns its ID from REGISTERED; what the master says before that waits.
        if case .message = event, core.agentID == nil {
            early.append(event)
            return
        }
        if case .tick = event { armedDeadline = nil }
        // A watch has done its work once its end came (before, every task ever run kept one).
        if case .containerEnded(let key, _) = event { watchers[key] = nil }
        let actions = core.handle(event, now: clock.now)
        for action in actions { await perform(action) }
        if case .registered = event, !early.isEmpty {
            let waiting = early
            early = []
            for message in waiting { await handle(message) }
        }
        rearm()
    }

    func perform(_ action: AgentCore.Action) async {
        switch action {
        case .checkpointFramework(let info):
            record("framework \(info.id?.value ?? "")") { try checkpoint.save(info) }
        case .forgetFramework(let id):
            checkpoint.forget(id)
        case .checkpointTask(let record):
            // A task the agent could not bring back after a restart is not started.
            if !self.record("task \(record.info.taskID)", { try checkpoint.save(record) }) { uncheckpointed.insert(record.containerID) }
        case .checkpointUpdate(let update, let containerID):
            record("update of \(update.status.taskID)") { try checkpoint.append(.update(update), containerID: containerID) }
        case .checkpointAcknowledgement(let uuid, let containerID):
            record("acknowledgement in \(containerID)") { try checkpoint.append(.acknowledgement(uuid: uuid), containerID: containerID) }
        case .forgetTask(let containerID):
            checkpoint.forget(containerID: containerID)
        case .launchContainer(let key):
            await launch(key)
        case .watchContainer(let key):
            watch(key)
        case .signal(let containerID, let signal):
            try? containerizer.signal(containerID: containerID, signal: signal)
        case .destroyContainer(let containerID):
            // Removing cgroups takes the kernel a while: not on the inbox's path.
            cleanups[containerID] = Task { [containerizer] in
                do {
                    try await containerizer.destroy(containerID: containerID)
                } catch {
                    // Never started, or found ended after a restart: only its cgroups may be left.
                    containerizer.removeLeftovers(containerID: containerID)
                }
                self.cleaned(containerID)
            }
        case .startHealthChecks(let key):
            startHealthChecks(key)
        case .stopHealthChecks(let key):
            healthChecks.removeValue(forKey: key)?.cancel()
        case .send(let update):
            await post(.update(update))
        case .checkpointDraining:
            record("the drain") { try checkpoint.markDraining() }
        case .announceDraining:
            await post(.draining)
        case .unregister, .stop:
            ending = action
        }
    }

    private func cleaned(_ containerID: String) { cleanups[containerID] = nil }

    /// A checkpoint write. One that fails is logged: the agent goes on, but could not bring that
    /// back after a restart.
    @discardableResult
    private func record(_ what: String, _ write: () throws -> Void) -> Bool {
        do {
            try write()
            return true
        } catch {
            logger.error("cannot checkpoint \(what): \(error); a restart of the agent would not recover it")
            return false
        }
    }

    // MARK: Containers

    private func launch(_ key: TaskKey) async {
        let name = core.task(key).flatMap(switchedUserName(of:))
        // Looked up once per launch: each lookup reads the passwd and group databases.
        let user = name.flatMap(TaskUser.lookUp)
        guard let task = core.task(key), let spec = containerSpec(for: task, runningAs: user) else {
            await handle(.containerFailedToStart(key, message: "the agent has no ID yet"))
            return
        }
        if let name, user == nil {
            await handle(.containerFailedToStart(key, message: "Failed to launch as user '\(name)': no such user on agent \(configuration.hostname)"))
            return
        }
        if uncheckpointed.remove(task.containerID) != nil {
            await handle(.containerFailedToStart(key, message: "the agent cannot checkpoint the task (see its log)"))
            return
        }
        do {
            _ = try await containerizer.launch(spec)
            await handle(.containerStarted(key))
            // While the task runs, off the next launch's path and off the inbox's: RUNNING is
            // sent once STARTING's acknowledgement is handled, which waits in the inbox until
            // this turn ends.
            Task.detached { [containerizer] in containerizer.prepareAhead() }
        } catch {
            await handle(.containerFailedToStart(key, message: "\(error)"))
        }
    }

    /// Follows a running container until its task ends; the end comes back through the inbox,
    /// put there by the reaper's thread itself: a task waiting for it would be one more thread
    /// to wake on the way from a task's exit to its terminal status.
    private func watch(_ key: TaskKey) {
        guard let containerID = core.task(key)?.containerID else { return }
        watchers[key]?.cancel()
        let watch = ContainerWatch()
        watchers[key] = watch
        try? containerizer.whenTerminated(containerID: containerID) { [inboxSink] termination in
            if !watch.isCancelled { inboxSink.yield(.containerEnded(key, termination)) }
        }
    }

    private func startHealthChecks(_ key: TaskKey) {
        guard let task = core.task(key), let check = task.info.healthCheck, let spec = containerSpec(for: task) else { return }
        let probe = check.probe(containerizer: containerizer, containerID: task.containerID, taskEnvironment: spec.environment, user: spec.user)
        let monitor = HealthMonitor(check: check, probe: probe, clock: clock)
        healthChecks[key]?.cancel()
        healthChecks[key] = Task { [inboxSink] in
            await monitor.run { change in inboxSink.yield(.healthChanged(key, healthy: change.healthy, message: change.message)) }
        }
    }

    func containerSpec(for task: AgentTask) -> ContainerSpec? {
        containerSpec(for: task, runningAs: switchedUserName(of: task).flatMap(TaskUser.lookUp))
    }

    /// The user the task must be switched to: `userName(of:)`, unless that is the agent's own
    /// user, which needs neither a switch nor a lookup (a tenth of a launch's own work when
    /// everything runs as one user, as in an embedded cluster).
    private func switchedUserName(of task: AgentTask) -> String? {
        userName(of: task).flatMap { $0 == TaskUser.effectiveName ? nil : $0 }
    }

    /// `user` is the task's, looked up (nil when it runs as the agent's user or was not found).
    private func containerSpec(for task: AgentTask, runningAs user: TaskUser?) -> ContainerSpec? {
        guard let agentID = core.agentID else { return nil }
        let sandbox = Sandbox(workDirectory: configuration.workDirectory, agentID: agentID, frameworkID: task.frameworkID, taskID: task.info.taskID)
        let environment = Sandbox.environment(for: task.info, frameworkID: task.frameworkID, agentID: agentID, sandbox: sandbox, inherited: Self.processEnvironment)
        let memory = task.info.resources.mem
        // The agent's own user needs no switch; an unknown user is caught before launch.
        let user = user.flatMap { $0.uid == geteuid() ? nil : $0 }
        return ContainerSpec(
            containerID: task.containerID, command: task.info.command.map(ContainerCommand.init) ?? .shell(""),
            environment: environment, sandbox: sandbox.directory,
            cpus: task.info.resources.cpus > 0 ? task.info.resources.cpus : nil,
            memoryBytes: memory > 0 && memory.isFinite && memory < 1e12 ? UInt64(memory * 1024 * 1024) : nil,
            user: user)
    }

    /// Who the task runs as under `--switch-user`: its command's user, else its executor's,
    /// else its framework's (Mesos's order); nil without `--switch-user` or without a name.
    func userName(of task: AgentTask) -> String? {
        guard configuration.switchUser else { return nil }
        let name = task.info.command?.user ?? task.executor?.command?.user ?? core.frameworks[task.frameworkID]?.user
        return name?.isEmpty == false ? name : nil
    }

    // MARK: Time

    /// Sleeps until the core's next deadline, then ticks it; set again whenever that changes.
    private func rearm() {
        let deadline = core.nextDeadline
        guard deadline != armedDeadline else { return }
        armedDeadline = deadline
        timer?.cancel()
        guard let deadline else {
            timer = nil
            return
        }
        timer = Task { [clock, inboxSink] in
            guard (try? await clock.sleep(until: deadline, tolerance: nil)) != nil else { return }
            inboxSink.yield(.tick)
        }
    }

    /// The agent's own environment, read once: what tasks inherit a few variables from.
    static let processEnvironment: [String: String] = {
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
    }()
}
