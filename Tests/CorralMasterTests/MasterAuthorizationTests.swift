import CorralModel
import Testing

@testable import CorralMaster

/// What the master's core refuses once principals and ACLs are in play.
@Suite struct MasterAuthorizationTests {
    static let acls = ACLs(permissive: false, rules: [
        .registerFrameworks: [ACLs.Rule(principals: .some(["fw", "weak"]), objects: .some(["*", "web"]))],
        .runTasks: [
            ACLs.Rule(principals: .some(["fw"]), objects: .any),
            ACLs.Rule(principals: .some(["weak"]), objects: .some(["nobody"])),
        ],
    ])

    static func harness() -> CoreHarness {
        var configuration = MasterConfiguration()
        configuration.acls = acls
        return CoreHarness(configuration: configuration)
    }

    @discardableResult
    static func subscribe(_ cluster: inout CoreHarness, principal: String?, id: FrameworkID? = nil, roles: [String] = ["*"], user: String = "root") -> [MasterAction] {
        let info = FrameworkInfo(user: user, name: "fw", id: id, roles: roles, principal: principal)
        return cluster.send(.subscribe(info, suppressedRoles: [], connection: cluster.connection()))
    }

    @Test func aPrincipalOutsideRegisterFrameworksHearsAnErrorAndIsNotAdded() {
        var cluster = Self.harness()
        let anonymous = Self.subscribe(&cluster, principal: nil)
        let wrongRole = Self.subscribe(&cluster, principal: "fw", roles: ["web", "batch"])

        for actions in [anonymous, wrongRole] {
            #expect(actions.count == 1)
            guard case .refuseSubscription(_, let reason) = actions.first else { Issue.record("not refused: \(actions)"); continue }
            #expect(reason.contains("Not authorized"))
        }
        guard case .refuseSubscription(_, let reason) = wrongRole.first else { return }
        #expect(reason.contains("'batch'") && !reason.contains("'web'"))
        #expect(cluster.core.snapshot(now: cluster.now).frameworks.isEmpty)
    }

    @Test func anotherPrincipalCannotTakeOverAFrameworkByItsID() {
        var cluster = Self.harness()
        let first = Self.subscribe(&cluster, principal: "fw", roles: ["web"])
        guard case .bindFramework(let connection, let id) = first.first(where: { if case .bindFramework = $0 { true } else { false } }) else {
            Issue.record("not subscribed"); return
        }

        let takeover = Self.subscribe(&cluster, principal: "weak", id: id, roles: ["web"])
        guard case .refuseSubscription(_, let reason) = takeover.first, takeover.count == 1 else { Issue.record("takeover allowed: \(takeover)"); return }
        #expect(reason.contains("registered by principal 'fw'"))
        // The owner's connection is untouched; the owner itself may fail over.
        #expect(cluster.core.snapshot(now: cluster.now).frameworks.first?.connected == true)
        #expect(!takeover.contains(.closeConnection(connection)))
        let failover = Self.subscribe(&cluster, principal: "fw", id: id, roles: ["web"])
        #expect(failover.contains(.closeConnection(connection)))
    }

    @Test func aTaskWhoseUserThePrincipalMayNotRunAsIsATaskErrorUnauthorized() throws {
        var cluster = Self.harness()
        let agent = try cluster.addAgent()
        let actions = Self.subscribe(&cluster, principal: "weak", user: "root")
        let framework = try #require(actions.compactMap { if case .bindFramework(_, let id) = $0 { id } else { nil } }.first)
        let offer = try #require(cluster.offers(for: framework).first)
        var asNobody = try cluster.task("nobody-task", on: agent)
        asNobody.command?.user = "nobody"
        let asRoot = try cluster.task("root-task", on: agent)

        cluster.send(.call(framework, .accept(offerIDs: [offer.id], operations: [.launch([asRoot, asNobody])], filters: .default)))

        let refused = try #require(cluster.updates(for: framework).first { $0.taskID == "root-task" })
        #expect(refused.state == .error)
        #expect(refused.reason == .taskUnauthorized)
        #expect(refused.message?.contains("user 'root'") == true)
        #expect(cluster.launches().flatMap { $0.1.tasks.map(\.taskID) } == ["nobody-task"])
    }

    @Test func anAgentIDBelongsToThePrincipalThatRegisteredIt() throws {
        var cluster = CoreHarness()
        let info = AgentInfo(hostname: "h", resources: try Resources(parsing: "cpus:2;mem:512"))
        let first = cluster.send(.registerAgent(info, isolation: "posix", inventory: .empty, connection: cluster.connection(), principal: "agent1"))
        let id = try #require(first.compactMap { if case .bindAgent(_, let id) = $0 { id } else { nil } }.first)
        #expect(first.contains(.persist(.bindPrincipal(id, principal: "agent1"))))
        #expect(cluster.core.registry.principals[id] == "agent1")

        var again = info
        again.id = id
        let impostor = cluster.send(.registerAgent(again, isolation: "posix", inventory: .empty, connection: cluster.connection(), principal: "agent2"))
        guard case .refuseAgent(_, let reason) = impostor.first, impostor.count == 1 else { Issue.record("impostor admitted: \(impostor)"); return }
        #expect(reason.contains("another principal"))
        #expect(cluster.core.snapshot(now: cluster.now).agents.map(\.id) == [id])

        let owner = cluster.send(.registerAgent(again, isolation: "posix", inventory: .empty, connection: cluster.connection(), principal: "agent1"))
        #expect(owner.contains { if case .bindAgent(_, id) = $0 { true } else { false } })
    }

    @Test func aStatusUpdateFromAnAgentThatDoesNotRunTheTaskIsDropped() throws {
        var cluster = CoreHarness()
        let runs = try cluster.addAgent(hostname: "a")
        let forger = try cluster.addAgent(hostname: "b")
        let framework = cluster.subscribe("web")
        let offer = try #require(cluster.offers(for: framework).first { $0.agentID == runs })
        cluster.send(.call(framework, .accept(offerIDs: [offer.id], operations: [.launch([try cluster.task("t1", on: runs)])], filters: .default)))

        let forged = TaskStatus(taskID: "t1", state: .failed, source: .executor, agentID: runs, timestamp: cluster.now.wall, uuid: Array(repeating: 9, count: 16))
        let actions = cluster.send(.statusUpdate(forger, StatusUpdate(frameworkID: framework, status: forged)))

        #expect(actions.isEmpty)
        #expect(cluster.core.task(TaskKey(framework, "t1"))?.state == .staging)
        #expect(!cluster.updates(for: framework).contains(forged))
    }

    @Test func aFrameworkIDThatCannotNameADirectoryIsRefused() {
        var cluster = CoreHarness()
        for id: FrameworkID in ["..", "a/b", ""] {
            let actions = Self.subscribe(&cluster, principal: nil, id: id)
            guard case .refuseSubscription(_, let reason) = actions.first, actions.count == 1 else { Issue.record("\(id) accepted: \(actions)"); continue }
            #expect(reason.contains("Framework ID"))
        }
    }

    @Test func capsOnFrameworksAgentsRolesAndResourceNamesAreRefusedWithTheLimit() throws {
        var configuration = MasterConfiguration()
        configuration.maximumFrameworks = 1
        configuration.maximumAgents = 1
        configuration.maximumRolesPerFramework = 2
        configuration.maximumResourceNamesPerAgent = 2
        var cluster = CoreHarness(configuration: configuration)

        let first = cluster.subscribe("one")
        let second = Self.subscribe(&cluster, principal: nil)
        guard case .refuseSubscription(_, let full) = second.first else { Issue.record("a second framework was let in"); return }
        #expect(full.contains("maximum of 1 frameworks"))
        // The one there may still come back.
        #expect(Self.subscribe(&cluster, principal: nil, id: first).contains { if case .bindFramework = $0 { true } else { false } })

        for (roles, words) in [(["a", "b", "c"], "at most 2 roles"), (["a b"], "whitespace"), (["-x"], "start with '-'")] {
            var configuration = MasterConfiguration()
            configuration.maximumRolesPerFramework = 2
            var fresh = CoreHarness(configuration: configuration)
            guard case .refuseSubscription(_, let reason) = Self.subscribe(&fresh, principal: nil, roles: roles).first else { Issue.record("\(roles) accepted"); continue }
            #expect(reason.contains(words), "\(reason)")
        }

        _ = try cluster.addAgent()
        let refused = cluster.send(.registerAgent(AgentInfo(hostname: "h2", resources: try Resources(parsing: "cpus:1")), isolation: "posix", inventory: .empty, connection: cluster.connection()))
        guard case .refuseAgent(_, let agents) = refused.first else { Issue.record("a second agent was let in"); return }
        #expect(agents.contains("maximum of 1 agents"))
        var kinds = CoreHarness(configuration: configuration)
        let many = kinds.send(.registerAgent(AgentInfo(hostname: "h", resources: try Resources(parsing: "cpus:1;mem:1;disk:1")), isolation: "posix", inventory: .empty, connection: kinds.connection()))
        guard case .refuseAgent(_, let names) = many.first else { Issue.record("three kinds of resources let in"); return }
        #expect(names.contains("at most 2 kinds"))
    }

    /// Operators' tools build URLs from an agent's hostname and send their requests (and any
    /// credential) there: a hostname that is not a host is refused at registration, named.
    @Test func anAgentWhoseHostnameIsNotAHostIsRefused() throws {
        for hostname in ["evil:80/#", "a b", "x@evil.example", "", "-rf", String(repeating: "a", count: 254), "h\u{0}"] {
            var cluster = CoreHarness()
            let refused = cluster.send(.registerAgent(
                AgentInfo(hostname: hostname, resources: try Resources(parsing: "cpus:1")), isolation: "posix", inventory: .empty, connection: cluster.connection()))
            guard case .refuseAgent(_, let reason) = refused.first else {
                Issue.record("hostname '\(hostname)' was let in")
                continue
            }
            #expect(reason.hasPrefix("Agent hostname '"), "\(reason)")
        }
        for hostname in ["localhost", "node-1.rack_2.example", "10.0.0.7", "::1", "fe80::1:2"] {
            var cluster = CoreHarness()
            let accepted = cluster.send(.registerAgent(
                AgentInfo(hostname: hostname, resources: try Resources(parsing: "cpus:1")), isolation: "posix", inventory: .empty, connection: cluster.connection()))
            #expect(accepted.contains { if case .bindAgent = $0 { true } else { false } }, "\(hostname) was refused")
        }
    }
}
