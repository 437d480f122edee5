import CorralModel

/// A whole snapshot: what a keyframe holds.
extension ClusterSnapshot: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.time(time)
        writer.time(startedAt)
        writer.value(masterInfo)
        writer.values(agents)
        writer.values(frameworks)
        writer.values(offers)
        writer.values(tasks)
        writer.values(completedTasks)
        writer.values(roles)
        writer.optional(nextFramework) { $0.string($1.value) }
        writer.int(offersMade)
        writer.usage(taskUsage)
        writer.values(completedFrameworks)
        writer.optional(clusterID) { $0.string($1) }
        writer.values(recoveredAgents)
        writer.values(unreachableAgents)
        writer.values(goneAgents)
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        self.init(time: try reader.time("the snapshot's time"), startedAt: try reader.time("the master's start"), masterInfo: try reader.value())
        agents = try reader.values("agents")
        frameworks = try reader.values("frameworks")
        offers = try reader.values("offers")
        tasks = try reader.values("tasks")
        completedTasks = try reader.values("completed tasks")
        roles = try reader.values("roles")
        nextFramework = try reader.optional("next framework") { reader throws(HistoryFormatError) in FrameworkID(try reader.string()) }
        offersMade = try reader.int("offers made")
        taskUsage = try reader.usage()
        completedFrameworks = try reader.values("completed frameworks")
        clusterID = try reader.optional("cluster ID") { reader throws(HistoryFormatError) in try reader.string() }
        recoveredAgents = try reader.values("recovered agents")
        unreachableAgents = try reader.values("unreachable agents")
        goneAgents = try reader.values("gone agents")
    }
}

extension ClusterEvent: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        switch self {
        case .frameworkAdded(let framework): writer.byte(0); writer.value(framework)
        case .frameworkUpdated(let framework): writer.byte(1); writer.value(framework)
        case .frameworkRemoved(let id, let name): writer.byte(2); writer.string(id.value); writer.string(name)
        case .agentAdded(let agent): writer.byte(3); writer.value(agent)
        case .agentUpdated(let agent): writer.byte(4); writer.value(agent)
        case .agentRemoved(let id, let reason): writer.byte(5); writer.string(id.value); writer.string(reason)
        case .offerMade(let offer): writer.byte(6); writer.value(offer)
        case .offerAccepted(let id, let framework, let agent): writer.byte(7); writer.offerEnd(id, framework, agent)
        case .offerDeclined(let id, let framework, let agent): writer.byte(8); writer.offerEnd(id, framework, agent)
        case .offerRescinded(let id, let framework, let agent, let reason):
            writer.byte(9); writer.offerEnd(id, framework, agent); writer.string(reason)
        case .taskAdded(let task): writer.byte(10); writer.value(task)
        case .taskUpdated(let key, let status): writer.byte(11); writer.value(key); writer.value(status)
        case .usageSampled(let usage): writer.byte(12); writer.value(usage)
        }
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        switch try reader.byte("an event's kind") {
        case 0: self = .frameworkAdded(try reader.value())
        case 1: self = .frameworkUpdated(try reader.value())
        case 2: self = .frameworkRemoved(FrameworkID(try reader.string("a framework ID")), name: try reader.string("a framework's name"))
        case 3: self = .agentAdded(try reader.value())
        case 4: self = .agentUpdated(try reader.value())
        case 5: self = .agentRemoved(AgentID(try reader.string("an agent ID")), reason: try reader.string("a reason"))
        case 6: self = .offerMade(try reader.value())
        case 7: let (id, framework, agent) = try reader.offerEnd(); self = .offerAccepted(id, frameworkID: framework, agentID: agent)
        case 8: let (id, framework, agent) = try reader.offerEnd(); self = .offerDeclined(id, frameworkID: framework, agentID: agent)
        case 9:
            let (id, framework, agent) = try reader.offerEnd()
            self = .offerRescinded(id, frameworkID: framework, agentID: agent, reason: try reader.string("a reason"))
        case 10: self = .taskAdded(try reader.value())
        case 11: self = .taskUpdated(try reader.value(), status: try reader.value())
        case 12: self = .usageSampled(try reader.value())
        case let other: throw HistoryFormatError("unknown event kind \(other)")
        }
    }
}

extension ByteWriter {
    fileprivate mutating func offerEnd(_ id: OfferID, _ framework: FrameworkID, _ agent: AgentID) {
        string(id.value)
        string(framework.value)
        string(agent.value)
    }
}

extension ByteReader {
    fileprivate mutating func offerEnd() throws(HistoryFormatError) -> (OfferID, FrameworkID, AgentID) {
        (OfferID(try string("an offer ID")), FrameworkID(try string("a framework ID")), AgentID(try string("an agent ID")))
    }
}
