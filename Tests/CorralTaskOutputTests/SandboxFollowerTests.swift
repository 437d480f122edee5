import CorralModel
import CorralTaskOutput
import CorralTesting
import Testing

/// `corral execute` copies its task's output onto its own stdout and stderr as it appears, and
/// whatever is left once the task has ended.
@Suite(.timeLimit(.minutes(1))) struct SandboxFollowerTests {
    let key = TaskKey(FrameworkID("execute"), TaskID("echo"))
    let agent = AgentID("agent-1")

    @Test func copiesWhatAppearsAndDrainsTheRestOnceCancelled() async throws {
        let sandbox = FakeSandbox()
        let pipe = try OutputPipe()
        sandbox.append("first ", to: key)
        let follower = SandboxFollower(reader: sandbox, task: key, agentID: agent, stderr: false, output: pipe.write)
        let following = Task { await follower.follow(pollInterval: .milliseconds(1)) }
        #expect(await eventually { sandbox.offsets(of: key).contains(6) })
        sandbox.append("last words", to: key)
        following.cancel()
        #expect(await following.value(within: .seconds(30)) != nil, "it ended")
        #expect(pipe.closeAndCollect() == "first last words")
    }

    @Test func readsInChunksUntilTheEndOfTheFile() async throws {
        let sandbox = FakeSandbox(chunk: 3)
        let pipe = try OutputPipe()
        sandbox.append("abcdefgh", to: key, stderr: true)
        let following = Task {
            await SandboxFollower(reader: sandbox, task: key, agentID: agent, stderr: true, output: pipe.write).follow(pollInterval: .milliseconds(1))
        }
        following.cancel()
        #expect(await following.value(within: .seconds(30)) != nil, "it ended")
        #expect(pipe.closeAndCollect() == "abcdefgh")
        #expect(Array(sandbox.offsets(of: key, stderr: true).prefix(4)) == [0, 3, 6, 8])
    }

    @Test func advancesByTheFilesBytesNotByWhatWasShownForThem() async throws {
        // Each read of 3 bytes of the file comes back as one replacement character (3 bytes of
        // U+FFFD would do the same): the next read must still start 3 bytes on.
        let sandbox = Shown(file: Array("abcdefgh".utf8), chunk: 3)
        let pipe = try OutputPipe()
        let follower = SandboxFollower(reader: sandbox, task: key, agentID: agent, stderr: false, output: pipe.write)
        let progress = await follower.copy(from: 0)
        #expect(progress.offset == 8 && progress.readable && !progress.outputClosed)
        #expect(pipe.closeAndCollect() == "???")
    }

    @Test func aFileThatCannotBeReadIsSaidSoAndNothingIsCopied() async throws {
        let pipe = try OutputPipe()
        let follower = SandboxFollower(reader: FakeSandbox(), task: key, agentID: agent, stderr: false, output: pipe.write)
        let progress = await follower.copy(from: 5)
        #expect(progress.offset == 5 && !progress.readable && !progress.outputClosed)
        #expect(pipe.closeAndCollect() == "")
    }
}

/// A file read in chunks, each shown as a single "?" (as an agent shows bytes that are not
/// UTF-8), the chunk's length still counted in the file's bytes.
struct Shown: SandboxReader {
    let file: [UInt8]
    let chunk: Int

    func read(_ key: TaskKey, on agentID: AgentID, stderr: Bool, from offset: Int) async -> SandboxChunk? {
        guard offset < file.count else { return .end }
        return SandboxChunk(bytes: Array("?".utf8), length: min(chunk, file.count - offset))
    }
}
