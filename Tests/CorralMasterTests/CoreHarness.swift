import CorralModel
import Testing

@testable import CorralMaster

/// Drives a `MasterCore` on a manual clock, collects its actions and checks the books after
/// every step.
struct CoreHarness {
    var core: MasterCore
    var now = ClusterInstant(seconds: 1_000_000)
    var actions: [MasterAction] = []
    private var nextConnection: UInt64 = 1

    init(configuration: MasterConfiguration = MasterConfiguration(), registry: RegistryState? = nil) {
        core = MasterCore(configuration: configuration, seed: 42, now: now, registry: registry)
    }

    @discardableResult
    mutating func send(_ event: MasterEvent) -> [MasterAction] {
        let produced = core.handle(event, now: now)
        actions += produced
        #expect(core.invariantViolations() == [])
        // The actor runs a requested allocation pass right away; so does the harness.
        if produced.contains(.scheduleAllocation) { actions += send(.allocate) }
        return produced
    }

    mutating func advance(by seconds: Double) {
        now = now + .seconds(seconds)
        send(.tick)
    }

    /// `seconds` pass while the wall clock is also set by `wallJump` (NTP, `date -s`).
    mutating func advance(by seconds: Double, wallJump: Double) {
        now = ClusterInstant(offset: now.offset + .seconds(seconds), wall: now.wall + seconds + wallJump)
        send(.tick)
    }

    /// A cluster with one agent and one framework, `name`, holding the offer of it.
    static func offering(to name: String, _ configuration: MasterConfiguration = MasterConfiguration()) throws -> (CoreHarness, FrameworkID, Offer) {
        var cluster = CoreHarness(configuration: configuration)
        _ = try cluster.addAgent()
        let framework = cluster.subscribe(name)
        return (cluster, framework, cluster.offers(for: framework)[0])
    }

    mutating func connection() -> ConnectionID {
        defer { nextConnection += 1 }
        return ConnectionID(nextConnection)
    }

    mutating func addAgent(_ resources: String = "cpus:4;mem:4096", hostname: String = "host") throws -> AgentID {
        let info = AgentInfo(hostname: hostname, resources: try Resources(parsing: resources))
        let produced = send(.registerAgent(info, isolation: "posix", inventory: .empty, connection: connection()))
        for case .bindAgent(_, let id) in produced { return id }
        Issue.record("agent was not registered")
        return "missing"
    }

    mutating func subscribe(_ name: String, roles: [String] = ["*"], failoverTimeout: Double = 0) -> FrameworkID {
        let info = FrameworkInfo(name: name, failoverTimeout: failoverTimeout, roles: roles)
        let produced = send(.subscribe(info, suppressedRoles: [], connection: connection()))
        for case .bindFramework(_, let id) in produced { return id }
        Issue.record("framework was not subscribed")
        return "missing"
    }

    /// Offers sent to the framework so far that are still outstanding.
    func offers(for framework: FrameworkID) -> [Offer] { core.outstandingOffers(of: framework) }

    /// Every event sent to the framework, in order.
    func events(for framework: FrameworkID) -> [SchedulerEvent] {
        actions.compactMap { if case .send(framework, let event) = $0 { event } else { nil } }
    }

    func updates(for framework: FrameworkID) -> [TaskStatus] {
        events(for: framework).compactMap { if case .update(let status) = $0 { status } else { nil } }
    }

    func launches() -> [(AgentID, LaunchRequest)] {
        actions.compactMap { if case .launch(let agent, let request) = $0 { (agent, request) } else { nil } }
    }

    func task(_ name: String, on agent: AgentID, _ resources: String = "cpus:1;mem:128", command: String = "sleep 10") throws -> TaskInfo {
        TaskInfo(name: name, taskID: TaskID(name), agentID: agent, resources: try Resources(parsing: resources), command: .shell(command))
    }
}
