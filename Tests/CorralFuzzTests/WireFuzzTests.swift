import CorralAgent
import CorralAllocator
import CorralMesosJSON
import CorralModel
import Testing

@testable import CorralMaster

extension FuzzTests {
    /// Mesos's wire, mutated: every document is decoded and, when it decodes, handed to the core
    /// that would act on it, as the HTTP endpoints do. Nothing may trap.
    @Suite struct Wire {
        @Test func schedulerCalls() {
            var cluster = FuzzCluster()
            Fuzz.run("scheduler calls", inputs: Mutation.of(Corpus.schedulerCalls(cluster.sample))) { text in
                guard let message = try? MesosJSON.decode(SchedulerCallMessage.self, from: text) else { return }
                _ = MesosJSON.encode(message)
                cluster.handle(message)
            }
        }

        @Test func operatorCalls() {
            var cluster = FuzzCluster()
            Fuzz.run("operator calls", inputs: Mutation.of(Corpus.operatorCalls)) { text in
                guard let call = try? MesosJSON.decode(OperatorCall.self, from: text) else { return }
                cluster.handle(call)
            }
        }

        @Test func agentOperatorCalls() {
            let task = TaskRecord(
                id: "t1", name: "t1", frameworkID: "F1", agentID: "S1", role: "*", resources: Corpus.resources("cpus:1;mem:64"),
                command: .shell("sleep 1"), state: .running, statuses: [TaskStatus(taskID: "t1", state: .running)], launchedAt: .zero)
            let executor = AgentExecutorState(
                info: ExecutorInfo(executorID: "t1", frameworkID: "F1", kind: nil), source: "t1", containerID: "1-t1", directory: "/w",
                tasks: [task], statistics: ResourceStatistics(timestamp: 1, cpusUserTimeSecs: 1))
            let state = AgentState(
                info: AgentInfo(id: "S1", hostname: "a", resources: Corpus.resources("cpus:4;mem:4096")), time: Time(seconds: 10), startedAt: .zero,
                version: "1.11.0", registered: true, frameworks: [AgentFrameworkState(info: FrameworkInfo(name: "f", id: "F1"), executors: [executor])])
            Fuzz.run("agent operator calls", inputs: Mutation.of(Corpus.agentOperatorCalls)) { text in
                guard let call = try? MesosJSON.decode(AgentOperatorCall.self, from: text) else { return }
                _ = AgentOperatorJSON.response(to: call, state: state)
            }
        }

        @Test func agentCalls() {
            var cluster = FuzzCluster()
            Fuzz.run("agent calls", inputs: Mutation.of(Corpus.agentCalls(cluster.sample))) { text in
                guard let message = try? MesosJSON.decode(AgentCallMessage.self, from: text) else { return }
                _ = MesosJSON.encode(message)
                cluster.handle(message)
            }
        }

        @Test func agentEvents() {
            var agent = AgentCore(agentID: "S1", seed: 7)
            var now = ClusterInstant(seconds: 1_000_000)
            Fuzz.run("agent events", inputs: Mutation.of(Corpus.agentEvents)) { text in
                guard let event = try? MesosJSON.decode(AgentEvent.self, from: text) else { return }
                _ = MesosJSON.encode(event)
                now = now + .seconds(1)
                switch event {
                case .registered(let id, _): _ = agent.handle(.registered(id), now: now)
                case .message(let message): _ = agent.handle(.message(message), now: now)
                case .heartbeat: _ = agent.handle(.tick, now: now)
                }
                _ = agent.handle(.tick, now: now + .seconds(3600))
            }
        }
    }
}

/// A master core with two agents and a subscribed framework, kept alive across inputs: what
/// a hostile framework, operator or agent would be talking to.
struct FuzzCluster {
    var core: MasterCore
    var now = ClusterInstant(seconds: 1_000_000)
    var framework: FrameworkID = "missing"
    var agents: [AgentID] = []
    var connection: UInt64 = 1

    init() {
        core = MasterCore(seed: 11, now: now)
        for host in ["a", "b"] {
            let info = AgentInfo(hostname: host, resources: (try? Resources(parsing: "cpus:4;mem:4096;disk:100;ports:[31000-31100]")) ?? Resources())
            for case .bindAgent(_, let id) in send(.registerAgent(info, isolation: "posix", inventory: .empty, connection: nextConnection())) { agents.append(id) }
        }
        subscribe()
        send(.allocate)
    }

    /// What the corpus names: an agent and an offer that exist, for samples to start from.
    var sample: (agent: AgentID, offer: OfferID, framework: FrameworkID) {
        (agents.first ?? "S0", core.outstandingOffers(of: framework).first?.id ?? "O1", framework)
    }

    mutating func nextConnection() -> ConnectionID {
        connection += 1
        return ConnectionID(connection)
    }

    @discardableResult
    mutating func send(_ event: MasterEvent) -> [MasterAction] {
        now = now + .milliseconds(250)
        return core.handle(event, now: now)
    }

    mutating func subscribe() {
        let info = FrameworkInfo(name: "fuzz", failoverTimeout: 3600, capabilities: [.partitionAware])
        for case .bindFramework(_, let id) in send(.subscribe(info, suppressedRoles: [], connection: nextConnection())) { framework = id }
    }

    /// A call as the scheduler endpoint passes it on: for the framework that made it, which the
    /// endpoint has checked the master knows. Offers and agents it names that do not exist are
    /// swapped for ones that do, so that mutated launches reach the accept logic.
    mutating func handle(_ message: SchedulerCallMessage) {
        if !core.knows(framework) { subscribe() }
        switch message.body {
        case .subscribe(let info, let suppressedRoles):
            send(.subscribe(info, suppressedRoles: suppressedRoles, connection: nextConnection()))
        case .call(var call):
            if case .accept(let offerIDs, var operations, let filters) = call {
                let current = core.outstandingOffers(of: framework)
                let swapped = offerIDs.enumerated().map { index, id in current.isEmpty ? id : current[index % current.count].id }
                if let agent = current.first?.agentID {
                    operations = operations.map { $0.onAgent(agent) }
                }
                call = .accept(offerIDs: swapped, operations: operations, filters: filters)
            }
            send(.call(framework, call))
        }
        send(.allocate)
        check()
    }

    mutating func handle(_ call: OperatorCall) {
        switch call {
        case .updateWeights(let weights):
            for weight in weights { send(.setWeight(role: weight.role, weight: weight.weight)) }
            send(.allocate)
        case .updateQuota(let configs):
            for config in configs {
                let quota = config.guarantees.isEmpty && config.limits.isEmpty
                    ? nil : RoleQuota(guarantee: config.guarantees, limit: config.limits.isEmpty ? nil : config.limits)
                send(.setQuota(role: config.role, quota: quota))
            }
            send(.allocate)
        case .teardown(let id):
            if core.knows(id) { send(.call(id, .teardown)) }
        case .markAgentGone(let id):
            if core.knowsAgent(id) { send(.markAgentGone(id)) }
        case .killTask(let key):
            if case .killing(let agentID) = core.operatorKill(of: key) {
                send(.call(key.frameworkID, .kill(taskID: key.taskID, agentID: agentID, killPolicy: nil)))
            }
        default:
            let snapshot = core.snapshot(now: now)
            _ = OperatorJSON.response(to: call, snapshot: snapshot, master: MasterDescription(masterInfo: snapshot.masterInfo))
        }
        check()
    }

    mutating func handle(_ message: AgentCallMessage) {
        switch message.call {
        case .register(var info, let isolation, let inventory):
            if info.id == nil { info.id = message.agentID }
            send(.registerAgent(info, isolation: isolation, inventory: inventory, connection: nextConnection()))
        case .update(let update):
            send(.statusUpdate(message.agentID ?? agents.first ?? "S0", update))
        case .usage(let usage):
            send(.usage(usage))
        case .ping:
            send(.agentPing(message.agentID ?? "S0"))
        case .draining:
            send(.agentDraining(message.agentID ?? "S0"))
        case .unregister(let reason):
            if let id = message.agentID { send(.agentUnregistered(id, reason: reason)) }
        }
        send(.allocate)
        check()
    }

    /// The books must still balance; a violation is a finding, not a crash.
    private func check() {
        let violations = core.invariantViolations()
        #expect(violations.isEmpty, "\(violations) after \(Fuzz.current)")
    }
}

extension Operation {
    /// The same operation with its tasks on `agent`.
    func onAgent(_ agent: AgentID) -> Operation {
        switch self {
        case .launch(let tasks):
            return .launch(tasks.map { var task = $0; task.agentID = agent; return task })
        case .launchGroup(let executor, let tasks):
            return .launchGroup(executor: executor, tasks: tasks.map { var task = $0; task.agentID = agent; return task })
        default:
            return self
        }
    }
}
