import CorralModel
import CorralOperatorCommands
import CorralTaskOutput
import CorralTesting
import Foundation
import Testing

/// `corral task log`: a task's output copied from its agent's sandbox as it is, or followed
/// until the master says the task has ended; a file that is not there is said so.
@Suite(.timeLimit(.minutes(1))) struct TaskLogTests {
    func task(_ state: TaskState) -> TaskRecord {
        TaskRecord(id: "T", name: "T", frameworkID: "F1", agentID: "S1", role: "*", resources: Resources(), command: nil, state: state, launchedAt: .zero)
    }

    @Test func copiesWhatTheFileHoldsNow() async throws {
        try await TestServers.withAgent(taskID: "T", stdout: Array("one\ntwo\n".utf8)) { cluster in
            let pipe = try OutputPipe()
            let session = OperatorSession(master: cluster.master, client: TestServers.failFast)
            try await session.copyLog(of: task(.finished), stderr: false, follow: false, to: pipe.write)
            #expect(pipe.closeAndCollect() == "one\ntwo\n")
        }
    }

    @Test func followsUntilTheMasterSaysTheTaskEndedThenCopiesTheRest() async throws {
        try await TestServers.withAgent(taskID: "T", stdout: Array("start\n".utf8)) { cluster in
            let pipe = try OutputPipe()
            let session = OperatorSession(master: cluster.master, client: TestServers.failFast)
            let following = Task { try await session.copyLog(of: task(.running), stderr: false, follow: true, to: pipe.write, poll: .milliseconds(20)) }
            // What the file held is copied before anything is added: the follower is under way.
            #expect(await eventually { pipe.text == "start\n" })
            let file = try #require(FileHandle(forWritingAtPath: cluster.stdoutPath))
            try file.seekToEnd()
            try file.write(contentsOf: Data("more\n".utf8))
            try file.write(contentsOf: Data("last\n".utf8))
            try file.close()
            cluster.taskState.update { $0 = "TASK_FINISHED" }
            #expect(try await following.value(within: .seconds(30)) != nil, "it ended")
            #expect(pipe.closeAndCollect() == "start\nmore\nlast\n")
        }
    }

    @Test func aSandboxWithoutTheFileIsSaidSo() async throws {
        try await TestServers.withAgent(taskID: "T", stdout: []) { cluster in
            let session = OperatorSession(master: cluster.master, client: TestServers.failFast)
            let pipe = try OutputPipe()
            do throws(OperatorCommandError) {
                try await session.copyLog(of: task(.finished), stderr: true, follow: false, to: pipe.write)
                Issue.record("copied a file that is not there")
            } catch {
                guard case .sandbox(.noSuchFile(let path, "S1", _)) = error else { Issue.record("\(error)"); return }
                #expect(path == "/frameworks/F1/tasks/T/stderr")
                #expect(error.exitStatus == .failure)
            }
            _ = pipe.closeAndCollect()
        }
    }
}
