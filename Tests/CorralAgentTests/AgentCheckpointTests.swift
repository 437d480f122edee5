import CorralModel
import Foundation
import Testing

@testable import CorralAgent

/// The agent's checkpoint on disk: what goes in comes back, and a write torn by a crash never
/// corrupts what was there before.
@Suite struct AgentCheckpointTests {
    func scratch() -> String { NSTemporaryDirectory() + Fixture.uniqueName("corral-checkpoint") }

    func update(_ state: TaskState, _ byte: UInt8) -> StatusUpdate {
        StatusUpdate(frameworkID: "fw", status: TaskStatus(
            taskID: "t1", state: state, source: .executor, message: "line\nbreak \"quoted\"", agentID: "a1",
            timestamp: Time(seconds: 5), uuid: Array(repeating: byte, count: 16)))
    }

    @Test func whatIsCheckpointedComesBack() throws {
        let directory = scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let checkpoint = AgentCheckpoint(directory: directory)
        let framework = FrameworkInfo(name: "web", id: "fw/with:odd chars")
        let task = AgentCheckpoint.TaskRecord(
            frameworkID: "fw", containerID: "1-t1",
            info: TaskInfo(name: "t1", taskID: "t1", agentID: "a1", resources: try Resources(parsing: "cpus:1;mem:64"), command: .shell("sleep 1")))
        try checkpoint.save(AgentCheckpoint.Identity(agentID: "a1", name: "agent-x", bootID: "boot-1"))
        try checkpoint.save(framework)
        try checkpoint.save(task)
        try checkpoint.append(.update(update(.starting, 1)), containerID: "1-t1")
        try checkpoint.append(.acknowledgement(uuid: Array(repeating: 1, count: 16)), containerID: "1-t1")
        try checkpoint.append(.update(update(.running, 2)), containerID: "1-t1")

        let recovered = checkpoint.recover()
        #expect(recovered.identity == AgentCheckpoint.Identity(agentID: "a1", name: "agent-x", bootID: "boot-1"))
        #expect(recovered.frameworks == [framework])
        #expect(recovered.tasks.map(\.task) == [task])
        let records = try #require(recovered.tasks.first?.updates)
        #expect(TaskLog.unacknowledged(records) == [update(.running, 2)])
        #expect(!SystemFile.entries(of: directory).contains { $0.hasSuffix(".tmp") })

        checkpoint.forget(containerID: "1-t1")
        checkpoint.forget("fw/with:odd chars")
        #expect(checkpoint.recover().tasks.isEmpty && checkpoint.recover().frameworks.isEmpty)
    }

    @Test(arguments: ["half a record", "0badc0de {\"type\":\"ACK\",\"uuid\":\"AQEBAQEBAQEBAQEBAQEBAQ==\"}\n"])
    func aTornOrCorruptRecordIsDroppedAndTheLogGoesOnFromTheRecordsBeforeIt(tail: String) throws {
        let directory = scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let checkpoint = AgentCheckpoint(directory: directory)
        try checkpoint.save(AgentCheckpoint.TaskRecord(frameworkID: "fw", containerID: "1-t1", info: TaskInfo(name: "t1", taskID: "t1", agentID: "a1", resources: Resources(), command: .shell("x"))))
        try checkpoint.append(.update(update(.starting, 1)), containerID: "1-t1")
        let log = directory + "/containers/1-t1"
        let whole = try #require(FileManager.default.contents(atPath: log))
        // A crash in the middle of the next append leaves part of a record (or a bad one).
        let handle = try #require(FileHandle(forWritingAtPath: log))
        handle.seekToEndOfFile()
        handle.write(Data(tail.utf8))
        handle.closeFile()

        #expect(TaskLog.unacknowledged(checkpoint.recover().tasks[0].updates) == [update(.starting, 1)])
        #expect(FileManager.default.contents(atPath: log) == whole)  // cut back to the whole records
        try checkpoint.append(.update(update(.running, 2)), containerID: "1-t1")
        #expect(TaskLog.unacknowledged(checkpoint.recover().tasks[0].updates) == [update(.starting, 1), update(.running, 2)])
    }

    @Test func aTornReplacementLeavesTheOldFileAndADirectoryWithoutTaskIsAStray() throws {
        let directory = scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let checkpoint = AgentCheckpoint(directory: directory)
        try checkpoint.save(AgentCheckpoint.Identity(agentID: "a1", name: "agent-x", bootID: "boot-1"))
        // A crash after the temporary file was written and before the rename.
        _ = FileManager.default.createFile(atPath: directory + "/agent.tmp", contents: Data("{\"agent_id\":{\"val".utf8))
        try FileManager.default.createDirectory(atPath: directory + "/containers/2-orphan", withIntermediateDirectories: true)
        let recovered = checkpoint.recover()
        #expect(recovered.identity?.agentID == "a1")
        #expect(recovered.strays == ["2-orphan"])
    }

    @Test func frameworkFileNamesKeepOnlyTamecharacters() {
        #expect(AgentCheckpoint.fileName("abc-0001_x") == "abc-0001_x")
        #expect(AgentCheckpoint.fileName("../x y") == "%2E%2E%2Fx%20y")
    }
}
