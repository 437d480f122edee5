import CorralModel

extension FrameworkInfo: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.string(user)
        writer.string(name)
        writer.optional(id) { $0.string($1.value) }
        writer.double(failoverTimeout)
        writer.bool(checkpoint)
        writer.values(roles)
        for text in [hostname, principal, webuiURL] { writer.optional(text) { $0.string($1) } }
        writer.values(capabilities)
        writer.values(labels)
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        func text(_ reader: inout ByteReader) throws(HistoryFormatError) -> String { try reader.string() }
        self.init(
            user: try reader.string("a framework's user"), name: try reader.string("a framework's name"),
            id: try reader.optional("framework ID", text).map { FrameworkID($0) }, failoverTimeout: try reader.double("failover timeout"),
            checkpoint: try reader.bool("checkpoint"), roles: try reader.values("roles"), hostname: try reader.optional("hostname", text),
            principal: try reader.optional("principal", text), webuiURL: try reader.optional("web UI", text), capabilities: [])
        capabilities = try reader.values("capabilities")
        labels = try reader.values("labels")
    }
}

extension FrameworkSnapshot: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.value(info)
        writer.string(id.value)
        writer.bool(active)
        writer.bool(connected)
        writer.time(registeredAt)
        writer.double(dominantShare)
        writer.value(used)
        writer.value(offered)
        writer.int(taskCount)
        writer.int(offerCount)
        writer.bool(recovered)
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        self.init(
            info: try reader.value(), id: FrameworkID(try reader.string("a framework's ID")), active: try reader.bool("active"),
            connected: try reader.bool("connected"), registeredAt: try reader.time("registered at"),
            dominantShare: try reader.double("dominant share"), used: try reader.value(), offered: try reader.value(),
            taskCount: try reader.int("task count"), offerCount: try reader.int("offer count"), recovered: try reader.bool("recovered"))
    }
}

extension Offer: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.string(id.value)
        writer.string(frameworkID.value)
        writer.string(agentID.value)
        writer.string(hostname)
        writer.string(role)
        writer.value(resources)
        writer.values(attributes)
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        self.init(
            id: OfferID(try reader.string("an offer's ID")), frameworkID: FrameworkID(try reader.string("an offer's framework")),
            agentID: AgentID(try reader.string("an offer's agent")), hostname: try reader.string("an offer's host"),
            role: try reader.string("an offer's role"), resources: try reader.value(), attributes: try reader.values("attributes"))
    }
}

extension OfferSnapshot: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.value(offer)
        writer.time(createdAt)
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        self.init(offer: try reader.value(), createdAt: try reader.time("an offer's time"))
    }
}

extension RoleSnapshot: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.string(name)
        writer.double(weight)
        writer.double(dominantShare)
        writer.values(frameworks)
        writer.value(allocated)
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        self.init(
            name: try reader.string("a role's name"), weight: try reader.double("a role's weight"), dominantShare: try reader.double("a role's share"),
            frameworks: try reader.values("a role's frameworks"),
            allocated: try reader.value())
    }
}

extension MasterInfo: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.string(id)
        writer.uint(UInt64(ip))
        writer.int(port)
        writer.string(hostname)
        writer.string(version)
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        let id = try reader.string("the master's ID")
        let raw = try reader.uint("the master's IP")
        guard let ip = UInt32(exactly: raw) else { throw HistoryFormatError("the master's IP \(raw) is not an IPv4 address") }
        self.init(id: id, ip: ip, port: try reader.int("the master's port"), hostname: try reader.string("the master's host"), version: try reader.string("the master's version"))
    }
}
