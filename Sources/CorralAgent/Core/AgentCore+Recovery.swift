import CorralModel

extension AgentCore {
    /// How a checkpointed task's container stood when the agent came back.
    public enum RecoveredContainer: Sendable, Hashable {
        /// Still running under its supervisor: the agent takes it over again.
        case running
        /// It ended while the agent was away; its supervisor recorded how.
        case ended(ContainerTermination)
        /// It never ran (the agent stopped between checkpointing the task and starting it).
        case neverStarted
    }

    public struct RecoveredTask: Sendable {
        var record: AgentCheckpoint.TaskRecord
        var updates: [TaskLog.Record]
        var container: RecoveredContainer

        package init(record: AgentCheckpoint.TaskRecord, updates: [TaskLog.Record], container: RecoveredContainer) {
            self.record = record
            self.updates = updates
            self.container = container
        }
    }

    /// Rebuilds the agent from its checkpoint after a restart. Each task comes back with its
    /// latest state and the updates its framework has not acknowledged (sent again once the
    /// agent registers); a task whose container ended meanwhile is reported with its real end;
    /// one that never started has failed; one that was being killed is killed again. While
    /// `draining`, every task was being killed (the drain goes on once they are back).
    package mutating func recover(
        frameworks infos: [FrameworkInfo], tasks recovered: [RecoveredTask], draining: Bool = false, now: ClusterInstant
    ) -> [Action] {
        var actions: [Action] = []
        for info in infos { if let id = info.id { frameworks[id] = info } }
        for item in recovered.sorted(by: { $0.record.containerID < $1.record.containerID }) {
            let record = item.record
            let key = TaskKey(record.frameworkID, record.info.taskID)
            // A number too large to count on from (a damaged checkpoint) is not taken up.
            if let number = record.containerID.split(separator: "-").first.flatMap({ Int($0) }), number < 1 << 52 { nextContainer = max(nextContainer, number) }
            var task = AgentTask(
                info: record.info, frameworkID: record.frameworkID, framework: frameworks[record.frameworkID], executor: record.executor,
                containerID: record.containerID)
            for case .update(let update) in item.updates { task.append(update.status) }
            // A kill asked for before the restart still counts: an end by a signal is the kill's
            // (TASK_KILLED), not a failure.
            task.killRequested = task.state == .killing || (draining && !task.state.isTerminal)
            updates.restore(key, pending: TaskLog.unacknowledged(item.updates))
            switch item.container {
            case .running:
                task.launched = true
                tasks[key] = task
                actions.append(.watchContainer(key))
                if task.state == .staging || task.state == .starting { report(key, .running, now: now, into: &actions) }
                if task.info.healthCheck != nil, !task.state.isTerminal { actions.append(.startHealthChecks(key)) }
                if task.state == .killing { signalKill(key, grace: nil, now: now, into: &actions) }
            case .ended(let termination):
                task.launched = true
                tasks[key] = task
                containerEnded(key, termination, now: now, into: &actions)
            case .neverStarted:
                task.containerEnded = true
                tasks[key] = task
                if !task.state.isTerminal {
                    report(key, .failed, reason: .agentRestarted, message: "The agent restarted before the task's process started", now: now, into: &actions)
                }
                actions.append(.destroyContainer(containerID: task.containerID))
                forgetIfDone(key, into: &actions)
            }
        }
        for id in frameworks.keys.sorted() where !tasks.keys.contains(where: { $0.frameworkID == id }) {
            frameworks[id] = nil
            actions.append(.forgetFramework(id))
        }
        return actions
    }
}
