import CorralModel
import Testing

@testable import CorralJobs

/// Chronos's placement constraints against offers.
@Suite struct JobConstraintTests {
    func offer(host: String, _ attributes: [Attribute]) -> Offer {
        Offer(id: "o1", frameworkID: "jobs", agentID: "a1", hostname: host, role: "*", resources: Resources(), attributes: attributes)
    }

    @Test func equalsLikeAndUnlikeOnHostnameAndAttributes() throws {
        let agent = offer(host: "node-1", [Attribute(name: "rack", value: .text("r2")), Attribute(name: "cores", value: .scalar(8))])
        #expect(try #require(JobConstraint(["hostname", "EQUALS", "node-1"])).allows(agent))
        #expect(try #require(JobConstraint(["rack", "EQUALS", "r1"])).allows(agent) == false)
        #expect(try #require(JobConstraint(["rack", "like", "r[12]"])).allows(agent))
        #expect(try #require(JobConstraint(["rack", "LIKE", "r"])).allows(agent) == false)  // the whole value must match
        #expect(try #require(JobConstraint(["cores", "EQUALS", "8"])).allows(agent))  // numbers as Mesos writes them
        #expect(try #require(JobConstraint(["rack", "UNLIKE", "r2"])).allows(agent) == false)
    }

    @Test func anAgentWithoutTheAttributeMatchesOnlyUnlike() throws {
        let bare = offer(host: "node-2", [])
        #expect(try #require(JobConstraint(["zone", "EQUALS", "a"])).allows(bare) == false)
        #expect(try #require(JobConstraint(["zone", "LIKE", ".*"])).allows(bare) == false)
        #expect(try #require(JobConstraint(["zone", "UNLIKE", "a"])).allows(bare))
    }

    @Test func malformedConstraintsAreNotConstraints() {
        #expect(JobConstraint(["rack", "EQUALS"]) == nil)
        #expect(JobConstraint(["rack", "CLUSTER", "r1"]) == nil)
        #expect(JobConstraint(["rack", "LIKE", "(unclosed"]) == nil)
    }
}
