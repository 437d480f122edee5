import CorralModel
import Testing

@testable import CorralServices

@Suite struct PlacementTests {
    func site(_ host: String, rack: String? = nil) -> PlacementSite {
        PlacementSite(agentID: AgentID(host), hostname: host, attributes: rack.map { [Attribute(name: "rack", value: .text($0))] } ?? [])
    }

    func constraint(_ parts: String...) throws -> PlacementConstraint { try PlacementConstraint(marathon: parts) }

    @Test func uniqueHostnameKeepsOneInstancePerHost() throws {
        let unique = try constraint("hostname", "UNIQUE")
        #expect(Placement.check([unique], site: site("h1"), running: []) == .fits)
        #expect(Placement.check([unique], site: site("h1"), running: [site("h1")]) == .refused("hostname:UNIQUE: an instance already runs where hostname is h1"))
        #expect(Placement.check([unique], site: site("h2"), running: [site("h1")]) == .fits)
    }

    @Test func clusterPinsToOneValue() throws {
        #expect(Placement.check([try constraint("rack", "CLUSTER", "r1")], site: site("h1", rack: "r2"), running: []) == .refused("rack:CLUSTER:r1: rack is r2, not r1"))
        // Without a value: wherever the first instance went.
        let follow = try constraint("rack", "CLUSTER")
        #expect(Placement.check([follow], site: site("h2", rack: "r2"), running: [site("h1", rack: "r1")]) != .fits)
        #expect(Placement.check([follow], site: site("h3", rack: "r1"), running: [site("h1", rack: "r1")]) == .fits)
    }

    @Test func likeAndUnlikeMatchTheWholeValue() throws {
        let like = try constraint("rack", "LIKE", "r[12]")
        #expect(Placement.check([like], site: site("h", rack: "r1"), running: []) == .fits)
        #expect(Placement.check([like], site: site("h", rack: "r12"), running: []) != .fits)
        #expect(Placement.check([try constraint("hostname", "UNLIKE", "db.*")], site: site("db-1"), running: []) != .fits)
    }

    @Test func maxPerCapsInstancesPerValue() throws {
        let maxPer = try constraint("rack", "MAX_PER", "2")
        let running = [site("h1", rack: "r1"), site("h2", rack: "r1")]
        #expect(Placement.check([maxPer], site: site("h3", rack: "r1"), running: running) == .refused("rack:MAX_PER:2: 2 instances already run where rack is r1"))
        #expect(Placement.check([maxPer], site: site("h4", rack: "r2"), running: running) == .fits)
    }

    @Test func groupBySpreadsEvenly() throws {
        let groupBy = try constraint("rack", "GROUP_BY", "3")
        let running = [site("h1", rack: "r1"), site("h2", rack: "r2")]
        #expect(Placement.check([groupBy], site: site("h3", rack: "r1"), running: running) != .fits)  // r3 is still empty
        #expect(Placement.check([groupBy], site: site("h4", rack: "r3"), running: running) == .fits)
        let even = running + [site("h4", rack: "r3")]
        #expect(Placement.check([groupBy], site: site("h5", rack: "r2"), running: even) == .fits)
    }

    @Test func missingAttributeIsARefusalWithTheReason() throws {
        #expect(Placement.check([try constraint("zone", "UNIQUE")], site: site("h1"), running: []) == .refused("zone:UNIQUE: agent h1 has no attribute 'zone'"))
    }

    @Test(arguments: [
        (["rack"], "expected [field, operator] or [field, operator, value]"),
        (["rack", "NEAR"], "unknown operator 'NEAR'; expected one of UNIQUE, CLUSTER, GROUP_BY, LIKE, UNLIKE, MAX_PER"),
        (["rack", "LIKE"], "LIKE needs a regular expression"),
        (["rack", "LIKE", "r[1"], "'r[1' is not a supported regular expression: missing ']' at position 4"),
        (["rack", "MAX_PER", "0"], "MAX_PER needs a positive whole number, got '0'"),
        (["rack", "GROUP_BY", "x"], "GROUP_BY takes a positive number of groups, got 'x'"),
    ])
    func badConstraintsSayWhatIsWrong(parts: [String], problem: String) {
        #expect(throws: PlacementConstraintError(constraint: parts, problem: problem)) { try PlacementConstraint(marathon: parts) }
    }
}
