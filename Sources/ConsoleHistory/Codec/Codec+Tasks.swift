import CorralModel

extension TaskKey: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.string(frameworkID.value)
        writer.string(taskID.value)
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        self.init(FrameworkID(try reader.string("a framework ID")), TaskID(try reader.string("a task ID")))
    }
}

extension TaskStatus: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.string(taskID.value)
        writer.raw(state)
        writer.optional(source) { $0.raw($1) }
        writer.optional(reason) { $0.raw($1) }
        writer.optional(message) { $0.string($1) }
        writer.optional(agentID) { $0.string($1.value) }
        writer.optional(executorID) { $0.string($1.value) }
        writer.optional(timestamp) { $0.time($1) }
        writer.optional(uuid) { writer, uuid in writer.array(uuid) { $0.byte($1) } }
        writer.optional(healthy) { $0.bool($1) }
        writer.optional(containerStatus) { $0.string($1.containerID.value) }
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        func text(_ reader: inout ByteReader) throws(HistoryFormatError) -> String { try reader.string() }
        let taskID = TaskID(try reader.string("a status's task ID"))
        let state: TaskState = try reader.raw("a task state")
        let source: Source? = try reader.optional("source") { reader throws(HistoryFormatError) in try reader.raw("a status's source") }
        let reason: Reason? = try reader.optional("reason") { reader throws(HistoryFormatError) in try reader.raw("a status's reason") }
        let message = try reader.optional("message", text)
        let agentID = try reader.optional("agent ID", text).map { AgentID($0) }
        let executorID = try reader.optional("executor ID", text).map { ExecutorID($0) }
        let timestamp = try reader.optional("timestamp") { reader throws(HistoryFormatError) in try reader.time() }
        let uuid = try reader.optional("uuid") { reader throws(HistoryFormatError) in
            try reader.array("uuid bytes") { reader throws(HistoryFormatError) in try reader.byte() }
        }
        let healthy = try reader.optional("healthy") { reader throws(HistoryFormatError) in try reader.bool() }
        let container = try reader.optional("container", text).map { ContainerStatus(containerID: ContainerID($0)) }
        self.init(
            taskID: taskID, state: state, source: source, reason: reason, message: message, agentID: agentID, executorID: executorID,
            timestamp: timestamp, uuid: uuid, healthy: healthy, containerStatus: container)
    }
}

extension CommandInfo: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.bool(shell)
        writer.optional(value) { $0.string($1) }
        writer.values(arguments)
        writer.array(environment) { writer, variable in
            writer.string(variable.name)
            writer.string(variable.value)
        }
        writer.optional(user) { $0.string($1) }
        writer.array(uris) { writer, uri in
            writer.string(uri.value)
            for flag in [uri.executable, uri.extract, uri.cache] { writer.optional(flag) { $0.bool($1) } }
        }
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        func text(_ reader: inout ByteReader) throws(HistoryFormatError) -> String { try reader.string() }
        func flag(_ reader: inout ByteReader) throws(HistoryFormatError) -> Bool? {
            try reader.optional("a URI's flag") { reader throws(HistoryFormatError) in try reader.bool() }
        }
        self.init(
            shell: try reader.bool("shell"), value: try reader.optional("command", text), arguments: try reader.values("arguments"),
            environment: try reader.array("environment") { reader throws(HistoryFormatError) in
                EnvironmentVariable(name: try reader.string("a variable's name"), value: try reader.string("a variable's value"))
            },
            user: try reader.optional("user", text),
            uris: try reader.array("URIs") { reader throws(HistoryFormatError) in
                CommandURI(value: try reader.string("a URI"), executable: try flag(&reader), extract: try flag(&reader), cache: try flag(&reader))
            })
    }
}

extension TaskRecord: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.string(id.value)
        writer.string(name)
        writer.string(frameworkID.value)
        writer.string(agentID.value)
        writer.optional(executorID) { $0.string($1.value) }
        writer.string(role)
        writer.value(resources)
        writer.optional(command) { $0.value($1) }
        writer.raw(state)
        writer.values(statuses)
        writer.time(launchedAt)
        writer.values(labels)
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        self.init(
            id: TaskID(try reader.string("a task's ID")), name: try reader.string("a task's name"),
            frameworkID: FrameworkID(try reader.string("a task's framework")), agentID: AgentID(try reader.string("a task's agent")),
            executorID: try reader.optional("executor") { reader throws(HistoryFormatError) in ExecutorID(try reader.string()) },
            role: try reader.string("a task's role"), resources: try reader.value(),
            command: try reader.optional("command") { reader throws(HistoryFormatError) in try reader.value(CommandInfo.self) },
            state: try reader.raw("a task's state"), statuses: try reader.values("statuses"),
            launchedAt: try reader.time("a task's launch time"), labels: try reader.values("labels"))
    }
}
