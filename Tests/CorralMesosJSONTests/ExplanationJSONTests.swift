import Testing

@testable import CorralMesosJSON
@testable import CorralModel

/// `/corral/v1/explain`'s answers, as a remote console reads them back.
@Suite struct ExplanationJSONTests {
    static let standing = FrameworkStanding(
        frameworkID: "F1", name: "batch", active: true, dominantShare: 0.5, dominantResource: "mem",
        roles: [
            FrameworkStanding.RoleStanding(
                role: "gold", weight: 2, roleShare: 0.25, rolePlace: 1, roleCount: 2, frameworkShare: 0.5, frameworkPlace: 1,
                frameworkCount: 1, suppressed: false, guarantee: ["cpus": 1], limit: ["cpus": 4], allocated: ["cpus": 2])
        ],
        next: ShareStanding(id: "F2", name: "web", weightedShare: 0.1), nextRole: "*",
        filters: [
            FrameworkStanding.Filter(agentID: "S1", hostname: "h1", secondsLeft: 3, resources: Resources([.scalar("cpus", 1)])),
            FrameworkStanding.Filter(
                agentID: "S2", hostname: "h2", secondsLeft: 20, resources: Resources([.scalar("mem", 64)]),
                origin: FilterOrigin(.decline, of: "O7", refuseSeconds: 30)),
        ],
        outstandingOffers: 2)

    @Test func aStandingReadsBackAsItselfAndNamesTheFrameworkWithoutASecondShare() throws {
        #expect(try roundTripped(Self.standing) == Self.standing)
        let json = MesosJSON.encodeString(Self.standing)
        #expect(json.hasPrefix(#"{"framework":{"id":"F1","name":"batch"},"active":true,"dominant_share":0.5"#))
    }

    @Test func aStandingFromAnOlderMasterWithAWeightedShareOnItsFrameworkStillReads() throws {
        let json = #"{"framework":{"id":"F1","weighted_share":0.5,"weight":1},"active":false,"dominant_share":0.5}"#
        let standing = try MesosJSON.decode(FrameworkStanding.self, from: json)
        #expect(standing.frameworkID == "F1" && standing.name == nil && standing.label == "F1" && !standing.active)
    }

    @Test func aFilterOfAnUnknownOriginIsRefusedNamingIt() {
        let json = #"{"agent_id":{"value":"S1"},"seconds_left":1,"origin":{"kind":"GUESS","offer_id":{"value":"O1"},"refuse_seconds":5}}"#
        #expect(throws: MesosJSONError.self) { try MesosJSON.decode(FrameworkStanding.Filter.self, from: json) }
        do {
            _ = try MesosJSON.decode(FrameworkStanding.Filter.self, from: json)
        } catch {
            #expect("\(error)".contains("origin.kind") && "\(error)".contains("GUESS"))
        }
    }
}
