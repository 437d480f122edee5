import CorralModel
import Logging

extension Agent {
    /// Takes over what the checkpoint holds, before the agent registers: containers still
    /// running are the agent's again, those that ended are reported with how they ended, and
    /// updates their frameworks have not acknowledged go out again. With `--recover cleanup`
    /// everything found is killed instead and the agent starts clean (with the same ID). A drain
    /// that was under way goes on (not after a cleanup: that starts clean).
    func recover() async {
        guard let recovered = pendingRecovery else { return }
        pendingRecovery = nil
        await recoverTasks(recovered)
        guard recovered.draining, configuration.recovery != .cleanup else { return }
        logger.warning("the agent was draining when it stopped: it goes on draining")
        for action in core.handle(.drain, now: clock.now) { await perform(action) }
    }

    private func recoverTasks(_ recovered: AgentCheckpoint.Recovered) async {
        for containerID in recovered.strays {
            await killFound(containerID)
            checkpoint.forget(containerID: containerID)
        }
        guard let agentID = identity.agentID else { return }
        var tasks: [AgentCore.RecoveredTask] = []
        for (record, updates) in recovered.tasks {
            let sandbox = Sandbox(workDirectory: configuration.workDirectory, agentID: agentID, frameworkID: record.frameworkID, taskID: record.info.taskID)
            let memory = record.info.resources.mem
            let container: AgentCore.RecoveredContainer
            switch try? containerizer.recover(
                containerID: record.containerID, sandbox: sandbox.directory,
                memoryLimitBytes: memory > 0 && memory < 1e12 ? UInt64(memory * 1024 * 1024) : nil)
            {
            case .running?: container = .running
            case .ended(let termination)?: container = .ended(termination)
            case .neverStarted?, nil: container = .neverStarted
            }
            tasks.append(AgentCore.RecoveredTask(record: record, updates: updates, container: container))
        }
        guard !tasks.isEmpty else { return }
        if configuration.recovery == .cleanup {
            for task in tasks { await killFound(task.record.containerID) }
            checkpoint.forgetTasks()
            logger.warning("--recover cleanup: killed the \(tasks.count) task(s) the checkpoint named and started clean")
            return
        }
        let running = tasks.count { $0.container == .running }
        logger.info("recovered \(tasks.count) task(s) from the checkpoint: \(running) still running, \(tasks.count - running) ended while the agent was away")
        let draining = recovered.draining && configuration.recovery != .cleanup
        for action in core.recover(frameworks: recovered.frameworks, tasks: tasks, draining: draining, now: clock.now) { await perform(action) }
    }

    /// Kills whatever a container found in the checkpoint still runs, and removes its cgroups.
    private func killFound(_ containerID: String) async {
        if (try? containerizer.recover(containerID: containerID, sandbox: configuration.workDirectory, memoryLimitBytes: nil)) != nil {
            try? await containerizer.destroy(containerID: containerID)
        }
        containerizer.removeLeftovers(containerID: containerID)
    }
}

#if canImport(Glibc)
import Glibc
#endif

extension Agent {
    /// Agents of an embedded cluster checkpoint under `<parent>/<pid>-…`. One whose process is
    /// gone (killed, crashed) left its tasks running under their supervisors: they are killed
    /// and its checkpoint removed. A pid taken again by another process keeps its checkpoint,
    /// which errs on the safe side.
    public static func sweepAbandonedCheckpoints(in parent: String, logger: Logger) {
        for name in SystemFile.entries(of: parent) {
            guard ProcessStat.ownerHasEnded(ofName: name) else { continue }
            let checkpoint = AgentCheckpoint(directory: parent + "/" + name)
            var killed = 0
            for record in SystemFile.entries(of: checkpoint.containersDirectory) where record.hasSuffix(".supervisor") {
                guard let pids = SupervisorRecords.pids(in: checkpoint.containersDirectory + "/" + record),
                    SupervisorRecords.isSupervisor(pids.supervisor)
                else { continue }
                killpg(pids.task, SIGKILL)
                killed += 1
            }
            if killed > 0 { logger.warning("killed \(killed) task(s) left by an agent whose process is gone", metadata: ["checkpoint": "\(checkpoint.directory)"]) }
            CheckpointFile.removeTree(checkpoint.directory)
        }
    }
}
