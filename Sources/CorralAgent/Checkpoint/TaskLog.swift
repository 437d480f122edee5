import CorralMesosJSON
import CorralModel

/// A task's checkpoint, Mesos's `task.info` and `task.updates` in one append-only file: the task
/// as it was launched, then every status update before it is sent and every acknowledgement when
/// it arrives, so that after a restart the agent knows the task and which updates its framework
/// still has to acknowledge, in order.
///
/// One record a line: `<crc32 hex> <json>\n`, where the JSON is `{"type":"TASK","task":{…}}`,
/// `{"type":"UPDATE","update":{…StatusUpdate…}}` or `{"type":"ACK","uuid":"<base64>"}`. Each is
/// appended in one write(2). A crash mid-append (a SIGKILL can cut a write of more than a page)
/// leaves a last line without its newline, or whose checksum does not match: reading stops
/// there, and the file is cut back to the whole records before it.
package enum TaskLog {
    package enum Record: Hashable, Sendable {
        case task(AgentCheckpoint.TaskRecord)
        case update(StatusUpdate)
        case acknowledgement(uuid: [UInt8])
    }

    static func line(_ record: Record) -> [UInt8] {
        var writer = MesosJSONWriter()
        writer.writeObject { writer in
            switch record {
            case .task(let task):
                writer.field("type", "TASK")
                writer.field("task") { writer in
                    writer.field("framework_id", task.frameworkID)
                    writer.field("container_id", task.containerID)
                    writer.field("task_info", task.info)
                    writer.field("executor_info", ifPresent: task.executor)
                }
            case .update(let update):
                writer.field("type", "UPDATE")
                writer.field("update", update)
            case .acknowledgement(let uuid):
                writer.field("type", "ACK")
                writer.field("uuid", base64: uuid)
            }
        }
        let json = writer.bytes
        return Array(hex(CRC32.checksum(json)).utf8) + [UInt8(ascii: " ")] + json + [UInt8(ascii: "\n")]
    }

    /// The records of the log at `path`, up to the first that is torn or corrupt; the file is
    /// cut back to them so that appends go on from a whole record.
    static func read(_ path: String) -> [Record] {
        guard let bytes = CheckpointFile.read(path) else { return [] }
        var records: [Record] = []
        var start = 0
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            guard let record = decode(bytes[start..<newline]) else { break }
            records.append(record)
            start = newline + 1
        }
        if start < bytes.count { CheckpointFile.truncate(path, to: start) }
        return records
    }

    /// The updates still waiting for an acknowledgement, oldest first, after replaying `records`:
    /// an acknowledgement takes the oldest update off when the uuids match.
    static func unacknowledged(_ records: [Record]) -> [StatusUpdate] {
        var pending: [StatusUpdate] = []
        for record in records {
            switch record {
            case .task: continue
            case .update(let update): pending.append(update)
            case .acknowledgement(let uuid): if pending.first?.status.uuid == uuid { pending.removeFirst() }
            }
        }
        return pending
    }

    private static func decode(_ line: ArraySlice<UInt8>) -> Record? {
        guard line.count > 9, line[line.startIndex + 8] == UInt8(ascii: " ") else { return nil }
        let json = line[(line.startIndex + 9)...]
        guard String(decoding: line.prefix(8), as: UTF8.self) == hex(CRC32.checksum(json)),
            let value = try? MesosJSON.parse(json), let object = try? value.object(),
            let type: String = try? object.required("type")
        else { return nil }
        switch type {
        case "TASK":
            return try? object.required("task") { task throws(MesosJSONError) in
                .task(AgentCheckpoint.TaskRecord(
                    frameworkID: try task.required("framework_id"), containerID: try task.required("container_id"),
                    info: try task.required("task_info"), executor: try task.optional("executor_info")))
            }
        case "UPDATE": return (try? object.required("update", as: StatusUpdate.self)).map(Record.update)
        case "ACK": return (try? object.bytes("uuid")).flatMap { $0 }.map { .acknowledgement(uuid: $0) }
        default: return nil
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
