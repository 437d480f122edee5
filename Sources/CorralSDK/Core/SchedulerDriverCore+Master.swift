import CorralModel

extension SchedulerDriverCore {
    /// An event of the master's: what the scheduler hears of it, and what the driver does
    /// itself (learn the framework's ID, reconcile, acknowledge).
    mutating func received(_ event: SchedulerEvent, now: ClusterInstant) -> [Action] {
        switch event {
        case .subscribed(let id, _, _):
            framework.id = id
            tasks.subscribed()
            // Reconciliation starts once the scheduler has named the tasks it had before: the
            // master may not know them (it failed over, or the framework restarted).
            reconciliation = ReconciliationSchedule(policy: configuration.reconciliation)
            return [.tell(event), .askKnownTasks]
        case .update(let status):
            return update(status)
        case .error(let message):
            return end(.refused(message), telling: event)
        case .heartbeat:
            return []
        case .offers, .rescind, .message, .failure:
            return [.tell(event)]
        }
    }

    /// An update reaches the scheduler unless it is a late retry of a task that ended; either
    /// way it is acknowledged (with implicit acknowledgements), or the agent sends it again.
    private mutating func update(_ status: TaskStatus) -> [Action] {
        var actions: [Action] = []
        if tasks.heard(status) {
            actions.append(.tell(.update(status)))
        } else {
            actions.append(.log(.info, "task \(status.taskID) already ended; \(status.state.rawValue) is a late retry, acknowledged only"))
        }
        // Updates without a uuid come from the master (reconciliation): nobody waits for them.
        if configuration.implicitAcknowledgements, let uuid = status.uuid, let agentID = status.agentID, let id = framework.id {
            actions.append(.send(.acknowledge(agentID: agentID, taskID: status.taskID, uuid: uuid), id))
        }
        return actions
    }

    /// The stream closed (`reason` nil) or failed. Over a transport that reconnects, the
    /// framework subscribes again with the ID it has, after a backoff that doubles up to 10 s;
    /// otherwise the driver ends.
    mutating func lost(reason: String?) -> [Action] {
        reconciliation = nil
        guard configuration.reconnects else {
            return end(reason.map { .unreachable($0) } ?? .stopped, telling: nil)
        }
        reconnectDelay = min(max(reconnectDelay * 2, Self.firstReconnectDelay), Self.maximumReconnectDelay)
        let wait = "\(formatScalar(reconnectDelay.seconds)) s"
        let line = reason.map { "cannot reach the master: \($0); trying again in \(wait)" } ?? "connection to the master closed; subscribing again in \(wait)"
        return [.log(.warning, line), .tellDisconnected, .subscribe(framework, suppressedRoles: configuration.suppressedRoles, after: reconnectDelay)]
    }
}
