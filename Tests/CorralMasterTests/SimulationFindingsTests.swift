import CorralModel
import Testing

@testable import CorralMaster

/// Behaviour `corral sim` showed was missing; each test is the smallest case of a failing seed.
@Suite struct SimulationFindingsTests {
    /// A client retried an ACCEPT whose reply was lost: the copy names an offer already used.
    /// Answering TASK_DROPPED would tell the framework its running task is gone.
    @Test func aDoubledAcceptDoesNotDropTheTaskItLaunched() throws {
        var cluster = CoreHarness()
        let agent = try cluster.addAgent()
        let framework = cluster.subscribe("f", failoverTimeout: 60)
        let offer = try #require(cluster.offers(for: framework).first)
        let accept = SchedulerCall.accept(offerIDs: [offer.id], operations: [.launch([try cluster.task("t1", on: agent)])], filters: .default)
        cluster.send(.call(framework, accept))
        cluster.send(.call(framework, accept))
        #expect(cluster.launches().count == 1)
        #expect(!cluster.updates(for: framework).contains { $0.taskID == "t1" && $0.state.isTerminal })
    }

    /// A registration without an ID from the address of a registered agent is that agent asking
    /// again: it keeps its ID, and no second agent is offered.
    @Test func aSecondRegistrationFromOneAddressIsTheSameAgent() throws {
        var cluster = CoreHarness()
        let first = try cluster.addAgent(hostname: "host-1")
        let again = try cluster.addAgent(hostname: "host-1")
        #expect(again == first)
        #expect(cluster.core.snapshot(now: cluster.now).agents.count == 1)
    }

    /// An agent registering on a new connection has its old one closed: it would otherwise keep
    /// reading a stream the master no longer sends on.
    @Test func reRegisteringClosesTheAgentsOlderLink() throws {
        var cluster = CoreHarness()
        let agent = try cluster.addAgent()
        let old = try #require(cluster.actions.compactMap { if case .bindAgent(let c, agent) = $0 { c } else { nil } }.first)
        let info = AgentInfo(id: agent, hostname: "host", resources: try Resources(parsing: "cpus:4;mem:4096"))
        let produced = cluster.send(.registerAgent(info, isolation: "posix", inventory: .empty, connection: cluster.connection()))
        #expect(produced.contains(.disconnectAgent(old)))
    }

    /// An agent marked unreachable while its link is open (a partition it has not noticed) has
    /// the link closed, so that it registers again once it can and its tasks are taken back.
    @Test func markingAnAgentUnreachableClosesItsLink() throws {
        var configuration = MasterConfiguration()
        configuration.agentTimeout = .seconds(15)
        var cluster = CoreHarness(configuration: configuration)
        let agent = try cluster.addAgent()
        let link = try #require(cluster.actions.compactMap { if case .bindAgent(let c, agent) = $0 { c } else { nil } }.first)
        cluster.advance(by: 16)
        #expect(cluster.actions.contains(.disconnectAgent(link)))
    }
}
