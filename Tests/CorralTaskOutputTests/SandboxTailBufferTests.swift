import CorralModel
import CorralTaskOutput
import Testing

/// The console's details view shows the end of a followed task's output: only new bytes are
/// read each refresh, and at most the last 16 KiB of each file are kept.
@Suite struct SandboxTailBufferTests {
    let web = TaskKey(FrameworkID("console"), TaskID("web-1"))
    let batch = TaskKey(FrameworkID("console"), TaskID("batch-1"))
    let agent = AgentID("agent-1")

    @Test func aNewlyFollowedTaskShowsAtOnceEvenBeforeItWritesAnything() async {
        let sandbox = FakeSandbox()
        var tail = SandboxTailBuffer()
        let first = await tail.refresh(web, agentID: agent, from: sandbox)
        #expect(first?.stdout == "")
        #expect(first?.stderr == "")
    }

    @Test func eachRefreshReadsOnlyFromWhereTheLastOneStopped() async {
        let sandbox = FakeSandbox()
        var tail = SandboxTailBuffer()
        sandbox.append("one\n", to: web)
        sandbox.append("oops\n", to: web, stderr: true)
        let first = await tail.refresh(web, agentID: agent, from: sandbox)
        #expect(first?.stdout == "one\n")
        #expect(first?.stderr == "oops\n")
        sandbox.append("two\n", to: web)
        let second = await tail.refresh(web, agentID: agent, from: sandbox)
        #expect(second?.stdout == "one\ntwo\n")
        #expect(second?.stderr == "oops\n")
        #expect(sandbox.offsets(of: web) == [0, 4])
        #expect(sandbox.offsets(of: web, stderr: true) == [0, 5])
    }

    @Test func aRefreshWithNothingNewSaysNothing() async {
        let sandbox = FakeSandbox()
        var tail = SandboxTailBuffer()
        sandbox.append("once\n", to: web)
        _ = await tail.refresh(web, agentID: agent, from: sandbox)
        let again = await tail.refresh(web, agentID: agent, from: sandbox)
        #expect(again == nil)
    }

    @Test func anUnreadableSandboxLeavesTheTailAsItWas() async {
        let sandbox = FakeSandbox()
        var tail = SandboxTailBuffer()
        sandbox.append("kept\n", to: web)
        _ = await tail.refresh(web, agentID: agent, from: sandbox)
        // Another agent: the fake has no such file there, as a sandbox that is gone.
        let elsewhere = await tail.refresh(web, agentID: AgentID("agent-9"), from: sandbox)
        #expect(elsewhere == nil)
    }

    @Test func onlyTheLast16KiBOfEachFileAreKept() async {
        let sandbox = FakeSandbox()
        var tail = SandboxTailBuffer()
        sandbox.append(String(repeating: "a", count: SandboxTailBuffer.limit), to: web)
        _ = await tail.refresh(web, agentID: agent, from: sandbox)
        sandbox.append("the end", to: web)
        let shown = await tail.refresh(web, agentID: agent, from: sandbox)
        #expect(shown?.stdout.utf8.count == SandboxTailBuffer.limit)
        #expect(shown?.stdout.hasSuffix("a" + "the end") == true)
    }

    @Test func followingAnotherTaskStartsOverFromItsFirstByte() async {
        let sandbox = FakeSandbox()
        var tail = SandboxTailBuffer()
        sandbox.append("web output\n", to: web)
        sandbox.append("batch output\n", to: batch)
        _ = await tail.refresh(web, agentID: agent, from: sandbox)
        let switched = await tail.refresh(batch, agentID: agent, from: sandbox)
        #expect(switched?.stdout == "batch output\n")
        #expect(sandbox.offsets(of: batch) == [0])
    }

    @Test func theNextRefreshStartsAfterTheFilesBytesNotAfterWhatWasShown() async {
        var tail = SandboxTailBuffer()
        let file = Shown(file: Array("abcd".utf8), chunk: 4)
        #expect(await tail.refresh(web, agentID: agent, from: file)?.stdout == "?")
        // The 4 bytes were read: nothing new, where counting the "?" shown would read 3 again.
        #expect(await tail.refresh(web, agentID: agent, from: file) == nil)
    }
}
