import CorralModel
import Testing

@testable import CorralMaster

/// A master that restarts from its registry, on a manual clock: agents come back within the
/// re-registration window or become unreachable, their tasks and frameworks are adopted, and
/// every change the master must not forget is persisted before the actions that depend on it.
@Suite struct RegistryRecoveryTests {
    static let web = FrameworkInfo(name: "web", id: "fw-web", failoverTimeout: 3600)
    static let batch = FrameworkInfo(name: "batch", id: "fw-batch", failoverTimeout: 3600, capabilities: [.multiRole])

    func agentInfo(_ id: AgentID, host: String = "h") throws -> AgentInfo {
        AgentInfo(id: id, hostname: host, resources: try Resources(parsing: "cpus:4;mem:4096"))
    }

    /// A registry as a master that ran two agents left it.
    func registry() throws -> RegistryState {
        var state = RegistryState(clusterID: "cluster-1")
        state.apply(.admit(try agentInfo("a1", host: "h1"), at: Time(seconds: 10)))
        state.apply(.admit(try agentInfo("a2", host: "h2"), at: Time(seconds: 10)))
        state.apply(.setWeight(role: "prod", weight: 3))
        return state
    }

    func restarted(timeout: Double = 60) throws -> CoreHarness {
        var configuration = MasterConfiguration()
        configuration.agentReregisterTimeout = .seconds(timeout)
        return CoreHarness(configuration: configuration, registry: try registry())
    }

    func inventory(_ tasks: [(FrameworkInfo, TaskID, TaskState)], on agent: AgentID) throws -> AgentInventory {
        AgentInventory(
            frameworks: Array(Set(tasks.map(\.0))).sorted { $0.name < $1.name },
            tasks: try tasks.map { framework, taskID, state in
                RunningTaskReport(
                    frameworkID: framework.id!,
                    task: TaskInfo(name: taskID.value, taskID: taskID, agentID: agent, resources: try Resources(parsing: "cpus:1;mem:128"), command: .shell("sleep 100")),
                    state: state)
            })
    }

    @discardableResult
    func reregister(_ cluster: inout CoreHarness, _ agent: AgentID, _ inventory: AgentInventory) throws -> [MasterAction] {
        cluster.send(.registerAgent(try agentInfo(agent, host: agent == "a1" ? "h1" : "h2"), isolation: "posix", inventory: inventory, connection: cluster.connection()))
    }

    func persisted(_ actions: [MasterAction]) -> [RegistryChange] {
        actions.compactMap { if case .persist(let change) = $0 { change } else { nil } }
    }

    func reconcile(_ cluster: inout CoreHarness, _ framework: FrameworkID, _ tasks: [ReconcileTask]) -> [TaskStatus] {
        cluster.send(.call(framework, .reconcile(tasks))).compactMap {
            if case .send(framework, .update(let status)) = $0 { status } else { nil }
        }
    }

    @Test func restartedMasterKeepsItsClusterAndWeightsAndWaitsForItsAgents() throws {
        let cluster = try restarted()
        let snapshot = cluster.core.snapshot(now: cluster.now)
        #expect(snapshot.clusterID == "cluster-1")
        #expect(snapshot.recoveredAgents.map(\.id) == ["a1", "a2"])
        #expect(snapshot.agents.isEmpty)  // nothing is offered until they come back
        #expect(cluster.core.allocator.weight(of: "prod") == 3)
    }

    @Test func agentComingBackBringsItsTasksAndTheirFrameworks() throws {
        var cluster = try restarted()
        let produced = try reregister(&cluster, "a1", try inventory([(Self.web, "w1", .running), (Self.batch, "b1", .running)], on: "a1"))
        #expect(persisted(produced).isEmpty)  // admitted before the restart, same info: nothing to write
        #expect(!produced.contains { if case .kill = $0 { true } else { false } })
        let snapshot = cluster.core.snapshot(now: cluster.now)
        #expect(snapshot.tasks.map(\.id).sorted() == ["b1", "w1"])
        #expect(snapshot.agents.first?.used == (try Resources(parsing: "cpus:2;mem:256")).tagged(role: "*"))
        #expect(snapshot.recoveredAgents.map(\.id) == ["a2"])
        let web = try #require(snapshot.frameworks.first { $0.id == "fw-web" })
        #expect(web.recovered && !web.connected)

        // The framework subscribes again and takes over its recovered record and task.
        var info = Self.web
        info.capabilities = [FrameworkInfo.Capability.partitionAware.rawValue]
        cluster.send(.subscribe(info, suppressedRoles: [], connection: cluster.connection()))
        let again = try #require(cluster.core.snapshot(now: cluster.now).frameworks.first { $0.id == "fw-web" })
        #expect(!again.recovered && again.connected && again.taskCount == 1)
    }

    @Test func agentsThatDoNotComeBackInTimeBecomeUnreachable() throws {
        var cluster = try restarted(timeout: 60)
        try reregister(&cluster, "a1", .empty)
        cluster.advance(by: 59)
        #expect(cluster.core.registry.unreachable.isEmpty)
        let before = cluster.actions.count
        cluster.advance(by: 1)
        #expect(persisted(Array(cluster.actions[before...])) == [.markUnreachable(["a2"], at: cluster.now.wall)])
        let snapshot = cluster.core.snapshot(now: cluster.now)
        #expect(snapshot.recoveredAgents.isEmpty)
        #expect(snapshot.unreachableAgents == [AgentAbsence(agentID: "a2", since: cluster.now.wall)])
        #expect(snapshot.agents.map(\.id) == ["a1"])
    }

    /// Mesos's table (the reference's §2), row by row, for a partition-aware framework and one
    /// that is not.
    @Test(arguments: [true, false]) func explicitReconciliationAnswersAsMesosDoes(partitionAware: Bool) throws {
        var cluster = try restarted(timeout: 60)
        var info = FrameworkInfo(name: "f", id: "fw", failoverTimeout: 3600)
        info.capabilities = partitionAware ? [FrameworkInfo.Capability.partitionAware.rawValue] : []
        cluster.send(.subscribe(info, suppressedRoles: [], connection: cluster.connection()))
        try reregister(&cluster, "a1", try inventory([(info, "known", .running)], on: "a1"))

        // a2 was admitted and may still come back: no answer about its tasks, nor about tasks
        // whose agent is not named.
        #expect(reconcile(&cluster, "fw", [ReconcileTask(taskID: "t", agentID: "a2")]).isEmpty)
        #expect(reconcile(&cluster, "fw", [ReconcileTask(taskID: "t")]).isEmpty)

        let known = reconcile(&cluster, "fw", [ReconcileTask(taskID: "known", agentID: "a1")])
        #expect(known.map(\.state) == [.running])
        #expect(known.first?.reason == .reconciliation && known.first?.uuid == nil)

        #expect(reconcile(&cluster, "fw", [ReconcileTask(taskID: "t", agentID: "a1")]).map(\.state) == [partitionAware ? .gone : .lost])
        #expect(reconcile(&cluster, "fw", [ReconcileTask(taskID: "t", agentID: "nobody")]).map(\.state) == [partitionAware ? .unknown : .lost])

        cluster.advance(by: 60)  // a2 is now unreachable
        #expect(reconcile(&cluster, "fw", [ReconcileTask(taskID: "t", agentID: "a2")]).map(\.state) == [partitionAware ? .unreachable : .lost])
        #expect(reconcile(&cluster, "fw", [ReconcileTask(taskID: "t")]).map(\.state) == [partitionAware ? .unknown : .lost])

        cluster.send(.markAgentGone("a2"))
        #expect(reconcile(&cluster, "fw", [ReconcileTask(taskID: "t", agentID: "a2")]).map(\.state) == [partitionAware ? .goneByOperator : .lost])
    }

    @Test func implicitReconciliationLeavesOutTasksOnUnreachableAgents() throws {
        var configuration = MasterConfiguration()
        configuration.agentTimeout = .seconds(15)
        var cluster = CoreHarness(configuration: configuration)
        let a = try cluster.addAgent(hostname: "a")
        let b = try cluster.addAgent(hostname: "b")
        let framework = cluster.subscribe("web", failoverTimeout: 60)
        for (agent, name) in [(a, "on-a"), (b, "on-b")] {
            let offer = try #require(cluster.offers(for: framework).first { $0.agentID == agent })
            cluster.send(.call(framework, .accept(offerIDs: [offer.id], operations: [.launch([try cluster.task(name, on: agent)])], filters: .default)))
        }
        cluster.advance(by: 10)
        cluster.send(.agentPing(a))
        cluster.advance(by: 6)  // b silent for 16 s
        #expect(reconcile(&cluster, framework, []).map(\.taskID) == ["on-a"])
        #expect(reconcile(&cluster, framework, [ReconcileTask(taskID: "on-b", agentID: b)]).map(\.state) == [.unreachable])
    }

    @Test func unreachableAgentThatReturnsAfterARestartHasItsTasksAdoptedAndReported() throws {
        var state = try registry()
        state.apply(.markUnreachable(["a2"], at: Time(seconds: 20)))
        var configuration = MasterConfiguration()
        configuration.agentReregisterTimeout = .seconds(60)
        var cluster = CoreHarness(configuration: configuration, registry: state)
        var info = Self.web
        info.capabilities = [FrameworkInfo.Capability.partitionAware.rawValue]
        cluster.send(.subscribe(info, suppressedRoles: [], connection: cluster.connection()))
        let produced = try reregister(&cluster, "a2", try inventory([(info, "w2", .running)], on: "a2"))
        #expect(persisted(produced) == [.admit(try agentInfo("a2", host: "h2"), at: cluster.now.wall)])
        #expect(cluster.core.registry.unreachable.isEmpty)
        let told = cluster.updates(for: "fw-web").last
        #expect(told?.taskID == "w2" && told?.state == .running && told?.reason == .reconciliation)
    }

    @Test func admissionIsDurableBeforeTheAgentHearsIt() throws {
        var cluster = CoreHarness()
        let produced = cluster.send(.registerAgent(AgentInfo(hostname: "new", resources: try Resources(parsing: "cpus:1;mem:64")), isolation: nil, inventory: .empty, connection: cluster.connection()))
        let persist = try #require(produced.firstIndex { if case .persist(.admit) = $0 { true } else { false } })
        let bind = try #require(produced.firstIndex { if case .bindAgent = $0 { true } else { false } })
        #expect(persist < bind)
    }

    @Test func unreachabilityIsDurableBeforeFrameworksHearIt() throws {
        var configuration = MasterConfiguration()
        configuration.agentTimeout = .seconds(15)
        var cluster = CoreHarness(configuration: configuration)
        let agent = try cluster.addAgent()
        let framework = cluster.subscribe("web", failoverTimeout: 60)
        let offer = try #require(cluster.offers(for: framework).first)
        cluster.send(.call(framework, .accept(offerIDs: [offer.id], operations: [.launch([try cluster.task("t", on: agent)])], filters: .default)))
        let before = cluster.actions.count
        cluster.advance(by: 15)
        let produced = Array(cluster.actions[before...])
        let persist = try #require(produced.firstIndex { if case .persist(.markUnreachable([agent], _)) = $0 { true } else { false } })
        let told = try #require(produced.firstIndex { if case .send(framework, .update) = $0 { true } else { false } })
        #expect(persist < told)
    }

    @Test func agentMarkedGoneLosesItsTasksIsShutDownAndMayNotComeBack() throws {
        var cluster = CoreHarness()
        let agent = try cluster.addAgent()
        let framework = cluster.subscribe("web", failoverTimeout: 60)
        let offer = try #require(cluster.offers(for: framework).first)
        cluster.send(.call(framework, .accept(offerIDs: [offer.id], operations: [.launch([try cluster.task("t", on: agent)])], filters: .default)))

        let produced = cluster.send(.markAgentGone(agent))
        #expect(persisted(produced) == [.markGone(agent, at: cluster.now.wall)])
        #expect(produced.contains(.shutdownAgent(agent, reason: "Agent \(agent) has been marked gone")))
        let update = try #require(cluster.updates(for: framework).last)
        #expect(update.state == .goneByOperator && update.reason == .agentRemovedByOperator)
        #expect(cluster.core.snapshot(now: cluster.now).goneAgents.map(\.agentID) == [agent])

        var info = AgentInfo(hostname: "host", resources: try Resources(parsing: "cpus:4;mem:4096"))
        info.id = agent
        let again = cluster.send(.registerAgent(info, isolation: "posix", inventory: .empty, connection: cluster.connection()))
        #expect(again.contains { if case .refuseAgent = $0 { true } else { false } })
        #expect(cluster.core.snapshot(now: cluster.now).agents.isEmpty)
    }

    @Test func agentReportingAnEndedTaskIsNotToldItLostIt() throws {
        var cluster = try restarted()
        cluster.send(.subscribe(Self.web, suppressedRoles: [], connection: cluster.connection()))
        try reregister(&cluster, "a1", try inventory([(Self.web, "done", .finished)], on: "a1"))
        #expect(cluster.updates(for: "fw-web").isEmpty)
        // The agent's own update follows and reaches the framework; its ack completes the task.
        let finished = TaskStatus(taskID: "done", state: .finished, source: .executor, agentID: "a1", uuid: Array(repeating: 7, count: 16))
        cluster.send(.statusUpdate("a1", StatusUpdate(frameworkID: "fw-web", status: finished)))
        #expect(cluster.updates(for: "fw-web").map(\.state) == [.finished])
        #expect(cluster.core.snapshot(now: cluster.now).agents.first?.used == Resources())
    }

    @Test func registryForgetsAgentsPastItsAgeAndCount() throws {
        var state = RegistryState(clusterID: "c")
        for (index, id) in ["u1", "u2", "u3"].enumerated() { state.apply(.markUnreachable([AgentID(id)], at: Time(seconds: Double(index)))) }
        state.apply(.markGone("g1", at: Time(seconds: 0)))
        // Age: u1 and g1 are older than 100 s at t = 101.5; count: of u2 and u3, one may stay.
        let prune = state.pruning(now: Time(seconds: 101.5), maxAge: 100, maxCount: 1)
        #expect(prune == .prune(unreachable: ["u1", "u2"], gone: ["g1"]))

        var configuration = MasterConfiguration()
        configuration.registryGCInterval = .seconds(10)
        configuration.registryMaxAgentAge = .seconds(100)
        var cluster = CoreHarness(configuration: configuration, registry: state)
        cluster.advance(by: 10)
        #expect(cluster.core.registry.unreachable.isEmpty && cluster.core.registry.gone.isEmpty)  // the harness's clock is far past t = 100
    }

    @Test func weightsAndQuotasArePersisted() throws {
        var cluster = CoreHarness()
        let weight = cluster.send(.setWeight(role: "prod", weight: 2))
        #expect(persisted(weight) == [.setWeight(role: "prod", weight: 2)])
        #expect(cluster.core.registry.weights == ["prod": 2])
    }
}

extension Resources {
    func tagged(role: String) -> Resources { MasterCore.tagged(self, role: role) }
}
