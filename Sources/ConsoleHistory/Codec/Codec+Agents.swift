import CorralModel

extension AgentInfo: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.optional(id) { $0.string($1.value) }
        writer.string(hostname)
        writer.int(port)
        writer.value(resources)
        writer.values(attributes)
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        self.init(
            id: try reader.optional("agent ID") { reader throws(HistoryFormatError) in AgentID(try reader.string()) },
            hostname: try reader.string("an agent's hostname"), port: try reader.int("an agent's port"),
            resources: try reader.value(), attributes: try reader.values("attributes"))
    }
}

extension AgentSnapshot: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.value(info)
        writer.string(id.value)
        writer.bool(active)
        writer.time(registeredAt)
        writer.value(total)
        writer.value(used)
        writer.value(offered)
        writer.optional(usage) { $0.value($1) }
        writer.int(taskCount)
        writer.optional(isolation) { $0.string($1) }
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        self.init(
            info: try reader.value(), id: AgentID(try reader.string("an agent's ID")), active: try reader.bool("active"),
            registeredAt: try reader.time("registered at"), total: try reader.value(), used: try reader.value(), offered: try reader.value(),
            usage: try reader.optional("usage") { reader throws(HistoryFormatError) in try reader.value(ResourceUsage.self) },
            taskCount: try reader.int("task count"),
            isolation: try reader.optional("isolation") { reader throws(HistoryFormatError) in try reader.string() })
    }
}

extension AgentAbsence: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.string(agentID.value)
        writer.time(since)
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        self.init(agentID: AgentID(try reader.string("an absent agent's ID")), since: try reader.time("since"))
    }
}

extension AgentUsage: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.string(agentID.value)
        writer.value(total)
        writer.usage(tasks)
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        self.init(agentID: AgentID(try reader.string("a sample's agent")), total: try reader.value(), tasks: try reader.usage())
    }
}

extension ByteWriter {
    /// Usage by task, as pairs (a dictionary has no order worth keeping).
    mutating func usage(_ usage: [TaskKey: ResourceUsage]) {
        uint(UInt64(usage.count))
        for (key, sample) in usage {
            value(key)
            value(sample)
        }
    }
}

extension ByteReader {
    mutating func usage() throws(HistoryFormatError) -> [TaskKey: ResourceUsage] {
        let pairs = try array("usage samples") { reader throws(HistoryFormatError) in (try reader.value(TaskKey.self), try reader.value(ResourceUsage.self)) }
        return Dictionary(pairs, uniquingKeysWith: { _, last in last })
    }
}
