import CorralModel
import Testing

@testable import CorralMaster

@Suite struct MasterCoreTests {
    @Test func subscribedFrameworkIsOfferedEveryAgent() throws {
        var cluster = CoreHarness()
        let a1 = try cluster.addAgent(hostname: "h1")
        let a2 = try cluster.addAgent(hostname: "h2")
        let framework = cluster.subscribe("web")

        guard case .subscribed(let id, let heartbeat, _) = cluster.events(for: framework).first else {
            Issue.record("no SUBSCRIBED first"); return
        }
        #expect(id == framework)
        #expect(heartbeat == 15)
        #expect(Set(cluster.offers(for: framework).map(\.agentID)) == [a1, a2])
        #expect(cluster.offers(for: framework).allSatisfy { $0.resources.cpus == 4 && $0.role == "*" })
    }

    @Test func acceptedLaunchGoesToTheAgentAndLeftoversComeBack() throws {
        var cluster = CoreHarness()
        let agent = try cluster.addAgent()
        let framework = cluster.subscribe("web")
        let offer = cluster.offers(for: framework)[0]

        cluster.send(.call(framework, .accept(offerIDs: [offer.id], operations: [.launch([try cluster.task("t1", on: agent)])], filters: Filters(refuseSeconds: 0))))

        let launches = cluster.launches()
        #expect(launches.count == 1)
        #expect(launches.first?.0 == agent)
        #expect(launches.first?.1.tasks.map(\.taskID) == ["t1"])
        // The 3 cpus left went back and were offered again at once (refuse 0).
        #expect(cluster.offers(for: framework).map(\.resources.cpus) == [3])
        #expect(cluster.core.snapshot(now: cluster.now).tasks.map(\.state) == [.staging])
    }

    @Test func agentUpdatesAreForwardedAndAcknowledgementsGoBackToTheAgent() throws {
        var cluster = CoreHarness()
        let agent = try cluster.addAgent()
        let framework = cluster.subscribe("web")
        let offer = cluster.offers(for: framework)[0]
        cluster.send(.call(framework, .accept(offerIDs: [offer.id], operations: [.launch([try cluster.task("t1", on: agent)])], filters: .default)))

        let uuid: [UInt8] = Array(repeating: 7, count: 16)
        let running = TaskStatus(taskID: "t1", state: .running, source: .executor, agentID: agent, timestamp: cluster.now.wall, uuid: uuid)
        cluster.send(.statusUpdate(agent, StatusUpdate(frameworkID: framework, status: running)))
        #expect(cluster.updates(for: framework).last == running)

        let acks = cluster.send(.call(framework, .acknowledge(agentID: agent, taskID: "t1", uuid: uuid)))
        #expect(acks == [.acknowledge(agent, framework, "t1", uuid: uuid)])
        #expect(cluster.core.task(TaskKey(framework, "t1"))?.state == .running)
    }

    @Test func terminalUpdateFreesResourcesAndAckCompletesTheTask() throws {
        var cluster = CoreHarness()
        let agent = try cluster.addAgent()
        let framework = cluster.subscribe("web")
        let offer = cluster.offers(for: framework)[0]
        cluster.send(.call(framework, .accept(offerIDs: [offer.id], operations: [.launch([try cluster.task("t1", on: agent)])], filters: .default)))
        let uuid: [UInt8] = Array(repeating: 1, count: 16)
        let finished = TaskStatus(taskID: "t1", state: .finished, source: .executor, agentID: agent, timestamp: cluster.now.wall, uuid: uuid)

        cluster.send(.statusUpdate(agent, StatusUpdate(frameworkID: framework, status: finished)))
        #expect(cluster.core.snapshot(now: cluster.now).agents[0].used.isEmpty)
        #expect(cluster.core.snapshot(now: cluster.now).tasks.count == 1)  // until acknowledged

        // The agent re-sends before the ack arrives: forwarded again, recorded once.
        cluster.send(.statusUpdate(agent, StatusUpdate(frameworkID: framework, status: finished)))
        #expect(cluster.updates(for: framework).filter { $0 == finished }.count == 2)
        #expect(cluster.core.task(TaskKey(framework, "t1"))?.statuses.count == 1)

        cluster.send(.call(framework, .acknowledge(agentID: agent, taskID: "t1", uuid: uuid)))
        let snapshot = cluster.core.snapshot(now: cluster.now)
        #expect(snapshot.tasks.isEmpty)
        #expect(snapshot.completedTasks.map(\.state) == [.finished])
        #expect(snapshot.tasksEnded == [.finished: 1], "the re-sent update counted twice, or not at all")
        #expect(cluster.core.allocationCycles >= 1)
    }

    @Test func launchOnAnotherFrameworksOfferIsDroppedWithInvalidOffers() throws {
        var cluster = CoreHarness()
        let agent = try cluster.addAgent()
        let owner = cluster.subscribe("owner")
        let thief = cluster.subscribe("thief")
        let offer = cluster.offers(for: owner)[0]

        cluster.send(.call(thief, .accept(offerIDs: [offer.id], operations: [.launch([try cluster.task("t1", on: agent)])], filters: .default)))

        let status = try #require(cluster.updates(for: thief).last)
        #expect(status.state == .dropped)  // thief is partition-aware (the SDK's default)
        #expect(status.reason == .invalidOffers)
        #expect(status.source == .master)
        #expect(status.uuid == nil)
        #expect(status.message?.contains("belongs to another framework") == true)
        #expect(cluster.launches().isEmpty)
        #expect(cluster.offers(for: owner).map(\.id) == [offer.id])  // untouched
    }

    @Test func unknownOfferAndOffersOnTwoAgentsAreInvalid() throws {
        var cluster = CoreHarness()
        let a1 = try cluster.addAgent(hostname: "h1")
        _ = try cluster.addAgent(hostname: "h2")
        let framework = cluster.subscribe("web")
        let both = cluster.offers(for: framework).map(\.id)

        cluster.send(.call(framework, .accept(offerIDs: ["nope"], operations: [.launch([try cluster.task("t1", on: a1)])], filters: .default)))
        #expect(cluster.updates(for: framework).last?.message == "Offer nope is no longer valid")

        cluster.send(.call(framework, .accept(offerIDs: both, operations: [.launch([try cluster.task("t2", on: a1)])], filters: .default)))
        #expect(cluster.updates(for: framework).last?.reason == .invalidOffers)
        #expect(cluster.updates(for: framework).last?.message?.hasPrefix("Offers are on more than one agent") == true)
        #expect(cluster.launches().isEmpty)
    }

    @Test(arguments: [
        ("cpus:8;mem:128", "Task uses more resources (cpus:8;mem:128) than remain in the offers (cpus:4;mem:4096)"),
        ("disk:10", "Task must use some cpus or mem, got 'disk:10'"),
    ])
    func taskThatDoesNotFitIsAnErrorWithTaskInvalid(resources: String, message: String) throws {
        var cluster = CoreHarness()
        let agent = try cluster.addAgent()
        let framework = cluster.subscribe("web")
        let offer = cluster.offers(for: framework)[0]
        cluster.send(.call(framework, .accept(offerIDs: [offer.id], operations: [.launch([try cluster.task("big", on: agent, resources)])], filters: Filters(refuseSeconds: 0))))
        let status = try #require(cluster.updates(for: framework).last)
        #expect(status.state == .error)
        #expect(status.reason == .taskInvalid)
        #expect(status.message == message)
        #expect(cluster.launches().isEmpty)
        #expect(cluster.offers(for: framework).map(\.resources.cpus) == [4])  // all of it came back
    }

    @Test func duplicateTaskIDsAndEmptyCommandsAreRejectedOneByOne() throws {
        var cluster = CoreHarness()
        let agent = try cluster.addAgent()
        let framework = cluster.subscribe("web")
        let offer = cluster.offers(for: framework)[0]
        let good = try cluster.task("t1", on: agent)
        let again = try cluster.task("t1", on: agent)
        let empty = try cluster.task("t2", on: agent, command: "  ")
        cluster.send(.call(framework, .accept(offerIDs: [offer.id], operations: [.launch([good, again, empty])], filters: .default)))

        #expect(cluster.launches().flatMap(\.1.tasks).map(\.taskID) == ["t1"])
        #expect(cluster.updates(for: framework).map(\.message) == ["Task ID 't1' is already in use", "Task's shell command is empty"])
    }

    @Test func launchGroupIsAllOrNothing() throws {
        var cluster = CoreHarness()
        let agent = try cluster.addAgent()
        let framework = cluster.subscribe("web")
        let executor = ExecutorInfo(executorID: "group", resources: try Resources(parsing: "cpus:0.1;mem:32"))
        let offer = cluster.offers(for: framework)[0]
        let tooBig = try cluster.task("b", on: agent, "cpus:10;mem:1")
        cluster.send(.call(framework, .accept(offerIDs: [offer.id], operations: [.launchGroup(executor: executor, tasks: [try cluster.task("a", on: agent), tooBig])], filters: Filters(refuseSeconds: 0))))
        #expect(cluster.launches().isEmpty)
        #expect(cluster.updates(for: framework).map(\.reason) == [.taskGroupInvalid, .taskGroupInvalid])

        let next = cluster.offers(for: framework)[0]
        cluster.send(.call(framework, .accept(offerIDs: [next.id], operations: [.launchGroup(executor: executor, tasks: [try cluster.task("a", on: agent), try cluster.task("b", on: agent)])], filters: .default)))
        #expect(cluster.launches().first?.1.executor?.executorID == "group")
        #expect(cluster.launches().first?.1.tasks.count == 2)
    }

    @Test func outstandingOffersAreRescindedAfterTheOfferTimeout() throws {
        var configuration = MasterConfiguration()
        configuration.offerTimeout = .seconds(30)
        var (cluster, framework, offer) = try CoreHarness.offering(to: "slow", configuration)

        cluster.advance(by: 29)
        #expect(!cluster.events(for: framework).contains(.rescind(offer.id)))
        cluster.advance(by: 1)
        #expect(cluster.events(for: framework).contains(.rescind(offer.id)))
        #expect(cluster.actions.contains(.publish(.offerRescinded(offer.id, frameworkID: framework, agentID: offer.agentID, reason: "offer timeout"))))
    }

    @Test func declineWithFilterHoldsTheAgentBackForThatLong() throws {
        var (cluster, framework, offer) = try CoreHarness.offering(to: "picky")
        cluster.send(.call(framework, .decline(offerIDs: [offer.id], filters: Filters(refuseSeconds: 5))))
        #expect(cluster.offers(for: framework).isEmpty)
        cluster.advance(by: 4)
        #expect(cluster.offers(for: framework).isEmpty)
        cluster.advance(by: 1)
        #expect(cluster.offers(for: framework).count == 1)
    }

    @Test func reconciliationAnswersFromTheMasterWithoutUUIDs() throws {
        var cluster = CoreHarness()
        let agent = try cluster.addAgent()
        let framework = cluster.subscribe("web")
        let offer = cluster.offers(for: framework)[0]
        cluster.send(.call(framework, .accept(offerIDs: [offer.id], operations: [.launch([try cluster.task("t1", on: agent)])], filters: .default)))

        cluster.send(.call(framework, .reconcile([])))
        #expect(cluster.updates(for: framework).last?.taskID == "t1")
        #expect(cluster.updates(for: framework).last?.state == .staging)
        #expect(cluster.updates(for: framework).last?.reason == .reconciliation)
        #expect(cluster.updates(for: framework).last?.uuid == nil)

        cluster.send(.call(framework, .reconcile([ReconcileTask(taskID: "ghost", agentID: agent)])))
        #expect(cluster.updates(for: framework).last?.taskID == "ghost")
        #expect(cluster.updates(for: framework).last?.state == .gone)
    }

    @Test func killOfAnUnknownTaskIsAnsweredByTheMaster() throws {
        var cluster = CoreHarness()
        _ = try cluster.addAgent()
        let framework = cluster.subscribe("web")
        cluster.send(.call(framework, .kill(taskID: "ghost", agentID: nil, killPolicy: nil)))
        #expect(cluster.updates(for: framework).last?.state == .unknown)
    }

    @Test func teardownKillsTasksAndReturnsEverything() throws {
        var cluster = CoreHarness()
        let agent = try cluster.addAgent()
        let framework = cluster.subscribe("web")
        let other = cluster.subscribe("other")
        let offer = try #require(cluster.offers(for: framework).first)
        cluster.send(.call(framework, .accept(offerIDs: [offer.id], operations: [.launch([try cluster.task("t1", on: agent)])], filters: .default)))

        cluster.send(.call(framework, .teardown))

        #expect(cluster.actions.contains(.shutdownFramework(agent, framework)))
        #expect(cluster.core.frameworkIDs == [other])
        #expect(cluster.core.snapshot(now: cluster.now).completedTasks.map(\.state) == [.killed])
        #expect(cluster.offers(for: other).map(\.resources.cpus).reduce(0, +) == 4)  // all of the agent
    }

    @Test func frameworkWithoutFailoverTimeoutIsRemovedWhenItDisconnects() throws {
        var cluster = CoreHarness()
        _ = try cluster.addAgent()
        let framework = cluster.subscribe("fleeting")
        let connection = cluster.actions.compactMap { if case .bindFramework(let c, framework) = $0 { c } else { nil } }[0]
        cluster.send(.frameworkDisconnected(framework, connection: connection))
        #expect(cluster.core.frameworkIDs.isEmpty)
    }

    @Test func frameworkWithFailoverTimeoutCanComeBack() throws {
        var cluster = CoreHarness()
        _ = try cluster.addAgent()
        let framework = cluster.subscribe("durable", failoverTimeout: 60)
        let connection = cluster.actions.compactMap { if case .bindFramework(let c, framework) = $0 { c } else { nil } }[0]
        cluster.send(.frameworkDisconnected(framework, connection: connection))
        #expect(cluster.core.frameworkIDs == [framework])
        #expect(cluster.offers(for: framework).isEmpty)

        var info = FrameworkInfo(name: "durable", id: framework, failoverTimeout: 60)
        info.id = framework
        cluster.send(.subscribe(info, suppressedRoles: [], connection: cluster.connection()))
        #expect(cluster.offers(for: framework).count == 1)

        let again = cluster.actions.compactMap { if case .bindFramework(let c, framework) = $0 { c } else { nil } }.last!
        cluster.send(.frameworkDisconnected(framework, connection: again))
        cluster.advance(by: 60)
        #expect(cluster.core.frameworkIDs.isEmpty)
    }

    @Test func removedAgentsTasksAreLost() throws {
        var cluster = CoreHarness()
        let agent = try cluster.addAgent()
        let framework = cluster.subscribe("web")
        let offer = cluster.offers(for: framework)[0]
        cluster.send(.call(framework, .accept(offerIDs: [offer.id], operations: [.launch([try cluster.task("t1", on: agent)])], filters: .default)))
        cluster.send(.agentUnregistered(agent, reason: "shut down"))
        #expect(cluster.updates(for: framework).last?.state == .gone)
        #expect(cluster.updates(for: framework).last?.reason == .agentRemoved)
        #expect(cluster.core.snapshot(now: cluster.now).agents.isEmpty)
    }

    @Test func sameEventsGiveSameActions() throws {
        func run() throws -> [MasterAction] {
            var cluster = CoreHarness()
            for index in 0..<5 { _ = try cluster.addAgent(hostname: "h\(index)") }
            _ = cluster.subscribe("a")
            _ = cluster.subscribe("b")
            cluster.advance(by: 1)
            return cluster.actions
        }
        #expect(try run() == run())
    }
}

@Suite struct AgentReachabilityTests {
    func cluster(partitionAware: Bool) throws -> (CoreHarness, AgentID, FrameworkID) {
        var configuration = MasterConfiguration()
        configuration.agentTimeout = .seconds(15)
        var cluster = CoreHarness(configuration: configuration)
        let agent = try cluster.addAgent()
        var info = FrameworkInfo(name: "web", capabilities: partitionAware ? [.partitionAware] : [])
        info.roles = ["*"]
        let produced = cluster.send(.subscribe(info, suppressedRoles: [], connection: cluster.connection()))
        let framework = produced.compactMap { if case .bindFramework(_, let id) = $0 { id } else { nil } }[0]
        let offer = cluster.offers(for: framework)[0]
        cluster.send(.call(framework, .accept(offerIDs: [offer.id], operations: [.launch([try cluster.task("t1", on: agent)])], filters: .default)))
        let running = TaskStatus(taskID: "t1", state: .running, source: .executor, agentID: agent, uuid: Array(repeating: 3, count: 16))
        cluster.send(.statusUpdate(agent, StatusUpdate(frameworkID: framework, status: running)))
        return (cluster, agent, framework)
    }

    func report(_ cluster: CoreHarness, _ agent: AgentID, _ framework: FrameworkID) throws -> AgentInventory {
        AgentInventory(tasks: [RunningTaskReport(frameworkID: framework, task: try cluster.task("t1", on: agent), state: .running)])
    }

    @Test func silentAgentBecomesUnreachableAndComesBackWithItsTasks() throws {
        var (cluster, agent, framework) = try cluster(partitionAware: true)
        cluster.advance(by: 10)
        cluster.send(.agentPing(agent))
        cluster.advance(by: 10)  // 10 s since the ping: still fine
        #expect(cluster.core.snapshot(now: cluster.now).agents[0].active)

        cluster.advance(by: 5)  // 15 s of silence
        #expect(cluster.updates(for: framework).last?.state == .unreachable)
        #expect(cluster.updates(for: framework).last?.reason == .agentDisconnected)
        #expect(cluster.core.snapshot(now: cluster.now).agents[0].active == false)
        #expect(cluster.offers(for: framework).isEmpty)

        var info = AgentInfo(hostname: "host", resources: try Resources(parsing: "cpus:4;mem:4096"))
        info.id = agent
        cluster.send(.registerAgent(info, isolation: "posix", inventory: try report(cluster, agent, framework), connection: cluster.connection()))
        #expect(cluster.updates(for: framework).last?.state == .running)
        #expect(cluster.updates(for: framework).last?.reason == .reconciliation)
        #expect(cluster.core.task(TaskKey(framework, "t1"))?.state == .running)
        #expect(cluster.core.snapshot(now: cluster.now).agents[0].active)
    }

    /// Found by fuzzing: an agent whose reported tasks hold more than its resources (here ports it
    /// does not have) is refused, naming the fields, and the books stay balanced; so is a second
    /// registration that reports more tasks than the agent first came with room for.
    @Test func anAgentWhoseTasksHoldMoreThanItHasIsRefused() throws {
        var (cluster, agent, framework) = try cluster(partitionAware: true)
        var info = AgentInfo(hostname: "host", resources: try Resources(parsing: "cpus:4;mem:4096"))
        info.id = agent
        let portTask = try cluster.task("t2", on: agent, "cpus:0.5;mem:64;ports:[31000-31001]")
        var inventory = try report(cluster, agent, framework)
        inventory.tasks.append(RunningTaskReport(frameworkID: framework, task: portTask, state: .running))
        let refused = cluster.send(.registerAgent(info, isolation: "posix", inventory: inventory, connection: cluster.connection()))
        guard case .refuseAgent(_, let reason) = refused.first else { Issue.record("tasks beyond the agent's resources let in: \(refused)"); return }
        #expect(reason.contains("register.tasks") && reason.contains("ports:[31000-31001]"), "\(reason)")
        #expect(cluster.core.task(TaskKey(framework, "t2")) == nil)

        var big = info
        big.resources = try Resources(parsing: "cpus:4;mem:4096;ports:[31000-31100]")
        let reregistered = cluster.send(.registerAgent(big, isolation: "posix", inventory: inventory, connection: cluster.connection()))
        #expect(reregistered.contains { if case .refuseAgent = $0 { true } else { false } }, "the master keeps the resources the agent first had")
        #expect(cluster.core.invariantViolations().isEmpty, "\(cluster.core.invariantViolations())")

        var fresh = CoreHarness()
        let newcomer = fresh.send(.registerAgent(
            AgentInfo(hostname: "h", resources: try Resources(parsing: "cpus:1")), isolation: "posix",
            inventory: AgentInventory(tasks: [RunningTaskReport(frameworkID: framework, task: portTask, state: .running)]), connection: fresh.connection()))
        #expect(newcomer.first.map { if case .refuseAgent = $0 { true } else { false } } == true, "\(newcomer)")
    }

    /// A task reported twice in one registration, or reported small when the master gave it
    /// more, is booked once and as the master gave it: the books stay balanced.
    @Test func aRegistrationCannotBookATaskTwiceOrSmaller() throws {
        var (cluster, agent, framework) = try cluster(partitionAware: true)
        var info = AgentInfo(hostname: "host", resources: try Resources(parsing: "cpus:4;mem:4096"))
        info.id = agent
        let shrunk = RunningTaskReport(frameworkID: framework, task: try cluster.task("t1", on: agent, "cpus:0.1;mem:1"), state: .running)
        let newcomer = RunningTaskReport(frameworkID: framework, task: try cluster.task("t2", on: agent, "cpus:3.5;mem:64"), state: .running)
        let lying = cluster.send(.registerAgent(info, isolation: "posix", inventory: AgentInventory(tasks: [shrunk, newcomer]), connection: cluster.connection()))
        #expect(lying.contains { if case .refuseAgent = $0 { true } else { false } }, "t1 holds cpus:1 in the master's books")

        var fresh = CoreHarness()
        let twice = RunningTaskReport(frameworkID: framework, task: try fresh.task("t9", on: agent, "cpus:3;mem:64"), state: .running)
        let framework2 = FrameworkInfo(name: "web", id: framework, failoverTimeout: 60)
        fresh.send(.registerAgent(info, isolation: "posix", inventory: AgentInventory(frameworks: [framework2], tasks: [twice, twice]), connection: fresh.connection()))
        #expect(fresh.core.task(TaskKey(framework, "t9"))?.state == .running)
        #expect(fresh.core.invariantViolations().isEmpty, "\(fresh.core.invariantViolations())")
    }

    /// A new agent that reports a task of a framework nobody knows gets the kill on its own
    /// link: the link is bound before the kill goes out (it was bound after, and the master's
    /// actor, finding no link, dropped the kill; the task ran on, known to no one).
    @Test func aNewAgentsTaskOfAnUnknownFrameworkIsKilledOnItsLink() throws {
        var cluster = CoreHarness()
        let info = AgentInfo(id: "S9", hostname: "h", resources: try Resources(parsing: "cpus:2;mem:1024"))
        let orphan = RunningTaskReport(frameworkID: "nobody", task: try cluster.task("orphan", on: "S9", "cpus:1;mem:1"), state: .running)
        let connection = cluster.connection()
        let actions = cluster.send(.registerAgent(info, isolation: "posix", inventory: AgentInventory(tasks: [orphan]), connection: connection))
        let bound = actions.firstIndex { if case .bindAgent(connection, "S9") = $0 { true } else { false } }
        let killed = actions.firstIndex { if case .kill("S9", "nobody", "orphan", nil) = $0 { true } else { false } }
        #expect(bound != nil && killed != nil, "\(actions)")
        #expect((bound ?? .max) < (killed ?? .min), "the kill went out before the agent's link was bound: \(actions)")
    }

    /// As in Mesos since 1.5: a framework that is not partition-aware hears TASK_LOST, but the
    /// task is the master's again when its agent comes back, and the framework hears so.
    @Test func frameworksThatAreNotPartitionAwareHearLostAndThenRunningAgain() throws {
        var (cluster, agent, framework) = try cluster(partitionAware: false)
        cluster.advance(by: 16)
        #expect(cluster.updates(for: framework).last?.state == .lost)
        #expect(cluster.core.snapshot(now: cluster.now).tasks.map(\.state) == [.unreachable])

        var info = AgentInfo(hostname: "host", resources: try Resources(parsing: "cpus:4;mem:4096"))
        info.id = agent
        let produced = cluster.send(.registerAgent(info, isolation: "posix", inventory: try report(cluster, agent, framework), connection: cluster.connection()))
        #expect(!produced.contains(.kill(agent, framework, "t1", nil)))
        #expect(cluster.updates(for: framework).last?.state == .running)
        #expect(cluster.core.task(TaskKey(framework, "t1"))?.state == .running)
    }

    @Test func droppedConnectionStopsOffersUntilTheAgentReturns() throws {
        var (cluster, agent, framework) = try cluster(partitionAware: true)
        let connection = cluster.actions.compactMap { if case .bindAgent(let c, agent) = $0 { c } else { nil } }[0]
        cluster.send(.agentDisconnected(agent, connection: connection))
        #expect(cluster.offers(for: framework).isEmpty)
        #expect(cluster.core.task(TaskKey(framework, "t1"))?.state == .running)  // nothing lost yet
        var info = AgentInfo(hostname: "host", resources: try Resources(parsing: "cpus:4;mem:4096"))
        info.id = agent
        cluster.send(.registerAgent(info, isolation: "posix", inventory: try report(cluster, agent, framework), connection: cluster.connection()))
        cluster.advance(by: 5)
        #expect(!cluster.offers(for: framework).isEmpty)
    }
}
