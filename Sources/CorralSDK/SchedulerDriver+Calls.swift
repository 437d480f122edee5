import CorralModel

extension SchedulerDriver {
    public func launch(_ tasks: [TaskInfo], on offerIDs: [OfferID], filters: Filters = .default) async throws {
        try await send(.accept(offerIDs: offerIDs, operations: [.launch(tasks)], filters: filters))
    }

    public func accept(_ offerIDs: [OfferID], operations: [Operation], filters: Filters = .default) async throws {
        try await send(.accept(offerIDs: offerIDs, operations: operations, filters: filters))
    }

    public func decline(_ offerIDs: [OfferID], filters: Filters = .default) async throws {
        guard !offerIDs.isEmpty else { return }
        try await send(.decline(offerIDs: offerIDs, filters: filters))
    }

    public func kill(_ taskID: TaskID, agentID: AgentID? = nil, killPolicy: KillPolicy? = nil) async throws {
        try await send(.kill(taskID: taskID, agentID: agentID, killPolicy: killPolicy))
    }

    /// Acknowledges an agent's update (those with a uuid); needed only without implicit
    /// acknowledgements.
    public func acknowledge(_ status: TaskStatus) async throws {
        guard let uuid = status.uuid, let agentID = status.agentID else { return }
        try await send(.acknowledge(agentID: agentID, taskID: status.taskID, uuid: uuid))
    }

    /// Asks for the latest state of `tasks`, or of every task of the framework when empty.
    public func reconcile(_ tasks: [ReconcileTask] = []) async throws {
        try await send(.reconcile(tasks))
    }

    public func revive(roles: [String] = []) async throws { try await send(.revive(roles: roles)) }
    public func suppress(roles: [String] = []) async throws { try await send(.suppress(roles: roles)) }

    public func shutdown(executorID: ExecutorID, agentID: AgentID) async throws {
        try await send(.shutdown(executorID: executorID, agentID: agentID))
    }

    public func message(agentID: AgentID, executorID: ExecutorID, data: [UInt8]) async throws {
        try await send(.message(agentID: agentID, executorID: executorID, data: data))
    }

    /// Sends a call of the scheduler's; throws `notSubscribed` before the master gave the
    /// framework its ID, and the transport's error when the call does not reach the master.
    public func send(_ call: SchedulerCall) async throws {
        for action in core.handle(.call(call), now: clock.now) {
            switch action {
            case .send(let call, let frameworkID): try await transport.send(call, frameworkID: frameworkID)
            case .reject(let error): throw error
            default: await perform(action)
            }
        }
    }
}
