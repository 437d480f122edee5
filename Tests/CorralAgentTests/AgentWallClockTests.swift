import CorralModel
import Testing

@testable import CorralAgent

/// The agent's deadlines (kill escalation, re-sends of unacknowledged updates) run on the
/// monotonic reading of its clock; its statuses carry the wall reading.
@Suite struct AgentWallClockTests {
    static let framework = FrameworkInfo(name: "web", id: "fw", capabilities: [.taskKillingState])
    let t0 = ClusterInstant(seconds: 1_000)

    /// `seconds` after t0 by the monotonic clock, with the wall clock set `wallJump` off.
    func at(_ seconds: Double, wallJump: Double) -> ClusterInstant {
        ClusterInstant(offset: t0.offset + .seconds(seconds), wall: t0.wall + seconds + wallJump)
    }

    func startedTask() throws -> (AgentCore, StatusUpdate) {
        var core = AgentCore(agentID: nil, seed: 7)
        _ = core.handle(.registered("agent-1"), now: t0)
        let task = TaskInfo(name: "t1", taskID: "t1", agentID: "agent-1", resources: try Resources(parsing: "cpus:0.1;mem:32"), command: .shell("sleep 100"))
        let launched = core.handle(.message(.launch(LaunchRequest(framework: Self.framework, tasks: [task]))), now: t0)
        let starting = try #require(launched.compactMap { if case .send(let update) = $0 { update } else { nil } }.first)
        _ = core.handle(.containerStarted(TaskKey("fw", "t1")), now: t0)
        return (core, starting)
    }

    @Test func aKillEscalatesAfterItsGraceWhateverTheWallClockDoes() throws {
        var (core, _) = try startedTask()
        _ = core.handle(.message(.kill("fw", "t1", KillPolicy(gracePeriodSeconds: 5))), now: t0)
        #expect(!core.handle(.tick, now: at(4.9, wallJump: 3600)).contains(.signal(containerID: "1-t1", SIGKILL_NUMBER)))
        #expect(core.handle(.tick, now: at(5, wallJump: -3600)).contains(.signal(containerID: "1-t1", SIGKILL_NUMBER)))
    }

    @Test func anUnacknowledgedUpdateIsSentAgainAfterItsBackoffAndStampedWithTheWallClock() throws {
        var (core, starting) = try startedTask()
        #expect(starting.status.timestamp == t0.wall)
        let resent = { (actions: [AgentCore.Action]) in actions.compactMap { if case .send(let update) = $0 { update } else { nil } } }
        #expect(resent(core.handle(.tick, now: at(9, wallJump: 86_400))).isEmpty)
        #expect(resent(core.handle(.tick, now: at(10, wallJump: -86_400))) == [starting])
        _ = core.handle(.containerEnded(TaskKey("fw", "t1"), ContainerTermination(exit: .exited(0))), now: at(11, wallJump: 500))
        #expect(core.nextDeadline == t0 + .seconds(30))  // the backoff doubled to 20 s after the re-send at 10 s
    }
}
