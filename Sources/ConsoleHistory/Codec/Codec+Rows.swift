import ConsoleCore
import CorralModel

// Services' and Jobs' rows and the console's waiting launches: what `.frameworks` and
// `.waitingLaunches` carry.

extension ServiceRow: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.string(id)
        for count in [running, healthy, staged, wanted] { writer.int(count) }
        switch status {
        case .running: writer.byte(0)
        case .deploying: writer.byte(1)
        case .waiting(let reason): writer.byte(2); writer.string(reason)
        case .delayed(let seconds): writer.byte(3); writer.double(seconds)
        case .suspended: writer.byte(4)
        }
        writer.double(cpus)
        writer.double(mem)
        writer.array(tasks) { writer, task in
            for text in [task.taskID, task.host, task.state] { writer.string(text) }
            writer.optional(task.healthy) { $0.bool($1) }
            writer.optional(task.startedAt) { $0.time($1) }
            writer.string(task.version)
        }
        writer.array(deployments) { writer, deployment in
            writer.string(deployment.id)
            writer.string(deployment.steps)
            writer.int(deployment.currentStep)
            writer.int(deployment.totalSteps)
            writer.time(deployment.startedAt)
        }
        writer.array(waitingOn) { writer, wait in
            writer.string(wait.host)
            writer.string(wait.reason)
        }
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        let id = try reader.string("an app's ID")
        let running = try reader.int("running"), healthy = try reader.int("healthy"), staged = try reader.int("staged"), wanted = try reader.int("wanted")
        let status: ServiceState
        switch try reader.byte("an app's status") {
        case 0: status = .running
        case 1: status = .deploying
        case 2: status = .waiting(reason: try reader.string("a reason"))
        case 3: status = .delayed(seconds: try reader.double("a delay"))
        case 4: status = .suspended
        case let other: throw HistoryFormatError("app \(id.prefix(40)) has unknown status \(other)")
        }
        self.init(id: id, running: running, healthy: healthy, staged: staged, wanted: wanted, status: status, cpus: try reader.double("cpus"), mem: try reader.double("mem"))
        tasks = try reader.array("an app's tasks") { reader throws(HistoryFormatError) in
            ServiceTaskRow(
                taskID: try reader.string("a task ID"), host: try reader.string("a host"), state: try reader.string("a state"),
                healthy: try reader.optional("healthy") { reader throws(HistoryFormatError) in try reader.bool() },
                startedAt: try reader.optional("started at") { reader throws(HistoryFormatError) in try reader.time() }, version: try reader.string("a version"))
        }
        deployments = try reader.array("deployments") { reader throws(HistoryFormatError) in
            DeploymentRow(
                id: try reader.string("a deployment ID"), steps: try reader.string("steps"), currentStep: try reader.int("current step"),
                totalSteps: try reader.int("total steps"), startedAt: try reader.time("started at"))
        }
        waitingOn = try reader.array("waits") { reader throws(HistoryFormatError) in AgentWait(host: try reader.string("a host"), reason: try reader.string("a reason")) }
    }
}

extension JobRow: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.string(name)
        writer.string(schedule)
        writer.optional(nextRun) { $0.time($1) }
        writer.raw(lastResult)
        for count in [running, successCount, errorCount] { writer.int(count) }
        writer.bool(disabled)
        writer.array(history) { writer, run in
            writer.string(run.taskID)
            writer.time(run.startedAt)
            writer.optional(run.endedAt) { $0.time($1) }
            writer.string(run.state)
            writer.optional(run.message) { $0.string($1) }
        }
        writer.int(queued)
        writer.optional(waitingReason) { $0.string($1) }
        writer.values(parents)
        writer.values(parentsPending)
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        func text(_ reader: inout ByteReader) throws(HistoryFormatError) -> String { try reader.string() }
        self.init(
            name: try reader.string("a job's name"), schedule: try reader.string("a schedule"),
            nextRun: try reader.optional("next run") { reader throws(HistoryFormatError) in try reader.time() }, lastResult: try reader.raw("a last result"),
            running: try reader.int("running"), successCount: try reader.int("successes"), errorCount: try reader.int("errors"), disabled: try reader.bool("disabled"))
        history = try reader.array("runs") { reader throws(HistoryFormatError) in
            JobRunRow(
                taskID: try reader.string("a run's task"), startedAt: try reader.time("started at"),
                endedAt: try reader.optional("ended at") { reader throws(HistoryFormatError) in try reader.time() }, state: try reader.string("a state"),
                message: try reader.optional("message", text))
        }
        queued = try reader.int("queued")
        waitingReason = try reader.optional("waiting reason", text)
        parents = try reader.values("parents")
        parentsPending = try reader.values("pending parents")
    }
}

extension WaitingLaunch: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.string(taskID.value)
        writer.string(name)
        writer.double(cpus)
        writer.double(mem)
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        self.init(taskID: TaskID(try reader.string("a waiting task")), name: try reader.string("its name"), cpus: try reader.double("cpus"), mem: try reader.double("mem"))
    }
}
