import CorralModel

/// A `ClusterSnapshot` read from a GET_STATE answer: how a console attached to a remote master
/// (Corral's own or Apache Mesos's) sees the cluster.
extension ClusterSnapshot {
    /// Reads a whole GET_STATE response (`{"type":"GET_STATE","get_state":{…}}`) or just its
    /// `get_state` body (as SUBSCRIBED embeds it).
    ///
    /// GET_STATE does not say everything a snapshot holds. What it lacks is left empty:
    /// - `masterInfo` and `startedAt` come from the caller (GET_MASTER has them);
    /// - no usage (`taskUsage`, agents' `usage`), no isolation, no roles (GET_ROLES has them);
    /// - dominant shares are 0, `offersMade` is 0 and `nextFramework` nil: allocator state;
    /// - an offer's `createdAt` is `time`: Mesos does not say when it made an offer;
    /// - tasks' commands are nil and launch times their first status's timestamp;
    /// - completed frameworks (torn down, or timed out) come without offers or task counts.
    ///
    /// Agents' and frameworks' task counts are counted from the tasks that have not ended.
    /// Unknown fields are ignored, missing optional ones read as absent.
    public init(operatorState json: MesosJSONValue, time: Time, masterInfo: MasterInfo, startedAt: Time = .zero) throws(MesosJSONError) {
        var state = try json.object()
        if state.contains("get_state") {
            state = try state.required("get_state") { $0 }
        }
        let tasks = try state.nested("get_tasks") { tasks throws(MesosJSONError) in
            (active: try tasks.repeated("tasks", of: TaskRecord.self) + tasks.repeated("unreachable_tasks", of: TaskRecord.self),
             completed: try tasks.repeated("completed_tasks", of: TaskRecord.self))
        }
        let agentLists = try state.nested("get_agents") { agents throws(MesosJSONError) in
            (registered: try agents.repeated("agents", of: OperatorAgentEntry.self).map(\.agent),
             recovered: try agents.repeated("recovered_agents", of: AgentInfo.self),
             unreachable: try agents.repeated("unreachable_agents", of: AgentAbsence.self),
             gone: try agents.repeated("gone_agents", of: AgentAbsence.self))
        }
        var agents = agentLists?.registered ?? []
        let frameworkLists = try state.nested("get_frameworks") { frameworks throws(MesosJSONError) in
            (active: try frameworks.repeated("frameworks", of: OperatorFrameworkEntry.self),
             completed: try frameworks.repeated("completed_frameworks", of: OperatorFrameworkEntry.self))
        }
        let frameworkEntries = frameworkLists?.active ?? []
        var frameworks = frameworkEntries.map(\.framework)
        let offers = frameworkEntries.flatMap(\.offers).map { OfferSnapshot(offer: $0, createdAt: time) }

        let active = tasks?.active ?? []
        Self.countTasks(active, agents: &agents, frameworks: &frameworks)
        self.init(
            time: time, startedAt: startedAt, masterInfo: masterInfo, agents: agents, frameworks: frameworks,
            offers: offers, tasks: active, completedTasks: tasks?.completed ?? [],
            completedFrameworks: frameworkLists?.completed.map(\.framework) ?? [])
        recoveredAgents = agentLists?.recovered ?? []
        unreachableAgents = agentLists?.unreachable ?? []
        goneAgents = agentLists?.gone ?? []
    }

    /// Fills in `taskCount`, which the operator API does not carry, from the tasks themselves.
    private static func countTasks(_ tasks: [TaskRecord], agents: inout [AgentSnapshot], frameworks: inout [FrameworkSnapshot]) {
        var byAgent: [AgentID: Int] = [:]
        var byFramework: [FrameworkID: Int] = [:]
        for task in tasks where !task.state.isTerminal {
            byAgent[task.agentID, default: 0] += 1
            byFramework[task.frameworkID, default: 0] += 1
        }
        for index in agents.indices { agents[index].taskCount = byAgent[agents[index].id] ?? 0 }
        for index in frameworks.indices { frameworks[index].taskCount = byFramework[frameworks[index].id] ?? 0 }
    }
}

/// GET_AGENTS entries as a decodable type, so that a list of them reads with `repeated` and
/// its errors name the offending index.
struct OperatorAgentEntry: MesosJSONDecodable {
    var agent: AgentSnapshot
    init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) { agent = try AgentSnapshot(operatorJSON: value) }
}

/// GET_FRAMEWORKS entries likewise, with the offers each lists.
struct OperatorFrameworkEntry: MesosJSONDecodable {
    var framework: FrameworkSnapshot
    var offers: [Offer]
    init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        (framework, offers) = try FrameworkSnapshot.decodeOperatorJSON(value)
    }
}
