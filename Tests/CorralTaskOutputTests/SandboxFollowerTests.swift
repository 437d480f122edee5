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
        await following.value
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
        await following.value
        #expect(pipe.closeAndCollect() == "abcdefgh")
        #expect(Array(sandbox.offsets(of: key, stderr: true).prefix(4)) == [0, 3, 6, 8])
    }
}
