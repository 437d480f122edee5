import CorralMesosJSON
import CorralModel
import CorralServices
import Testing

@testable import CorralMaster

/// What the fuzzers found, kept as cases that run every time. `{AGENT}` and `{FRAMEWORK}` are
/// the fuzz cluster's own agent and framework.
@Suite struct FuzzRegressionTests {
    static let task = #"{"framework_id":{"value":"{FRAMEWORK}"},"task_info":{"name":"t","task_id":{"value":"{TASK}"},"agent_id":{"value":"{AGENT}"},"resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.5}}],"command":{"shell":true,"value":"true"}},"state":"TASK_RUNNING"}"#

    static func register(as agent: String, reporting taskID: String) -> String {
        #"{"type":"REGISTER","agent_id":{"value":"{AGENT}"},"register":{"agent_info":{"id":{"value":"\#(agent)"},"hostname":"a","port":5051,"resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":4.0}},{"name":"mem","type":"SCALAR","scalar":{"value":4096.0}},{"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":31100}]}}]},"isolation":"posix","frameworks":[{"user":"root","name":"fuzz","id":{"value":"{FRAMEWORK}"}}],"tasks":[\#(task.replacingOccurrences(of: "{TASK}", with: taskID))]}}"#
    }

    static let cases: [(name: String, documents: [String])] = [
        // An unknown agent ID reporting a task the master places on another agent took it over
        // and left both agents' books wrong.
        ("another agent's task", [register(as: "{AGENT}", reporting: "t1"), register(as: "impostor-S9", reporting: "t1")]),
        // An agent re-registering with a task the master had not heard of kept its outstanding
        // offers: the same cpus were offered and used.
        ("unknown task on re-registration", [register(as: "{AGENT}", reporting: "..")]),
    ]

    @Test(arguments: cases.map(\.name)) func agentCallsThatBrokeTheBooks(_ name: String) throws {
        var cluster = FuzzCluster()
        let (agent, _, framework) = cluster.sample
        for document in try #require(Self.cases.first { $0.name == name }).documents {
            let text = document.replacingOccurrences(of: "{AGENT}", with: agent.value).replacingOccurrences(of: "{FRAMEWORK}", with: framework.value)
            cluster.handle(try MesosJSON.decode(AgentCallMessage.self, from: text))
        }
        #expect(cluster.core.invariantViolations().isEmpty)
    }

    /// A LIKE constraint of 3,000 `[` overflowed the stack of Swift's regex parser and took
    /// Services down (found by the constraints fuzzer); `(a+)+$` would have stalled it.
    @Test func constraintPatternsThatCrashedOrStalledServices() {
        let site = PlacementSite(agentID: "S1", hostname: String(repeating: "a", count: 64) + "!")
        for pattern in [String(repeating: "[", count: 3000), "(a+)+$", "((a*)*)*b"] {
            guard let constraint = try? PlacementConstraint(marathon: ["hostname", "LIKE", pattern]) else { continue }
            #expect(Placement.check([constraint], site: site, running: []) != .fits)
        }
    }
}
