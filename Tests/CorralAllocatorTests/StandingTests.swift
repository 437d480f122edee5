import CorralModel
import Testing

@testable import CorralAllocator

/// The allocator's reasons as data: where a framework stands (its share and dominant resource,
/// its place in the DRF orders, weight, quota, suppression, filters) and why an offer went to
/// its framework, with who was passed over.
@Suite struct StandingTests {
    @Test func afterThePaperExampleBothFrameworksStandAtTwoThirdsWithTheirOwnDominantResource() throws {
        var cluster = GreedyHarness()
        cluster.allocator.addAgent("agent", total: try Resources(parsing: "cpus:9;mem:18432"))
        cluster.allocator.addFramework("A", roles: ["*"])
        cluster.allocator.addFramework("B", roles: ["*"])
        cluster.taskSize["A"] = try Resources(parsing: "cpus:1;mem:4096")
        cluster.taskSize["B"] = try Resources(parsing: "cpus:3;mem:1024")
        cluster.run()

        let a = try #require(cluster.allocator.standing(of: "A", now: cluster.now))
        let b = try #require(cluster.allocator.standing(of: "B", now: cluster.now))
        #expect(abs(a.dominantShare - 2.0 / 3) < 1e-9 && a.dominantResource == "mem")
        #expect(abs(b.dominantShare - 2.0 / 3) < 1e-9 && b.dominantResource == "cpus")
        let role = try #require(a.roles.first)
        #expect(role.role == "*" && role.weight == 1 && role.rolePlace == 1 && role.roleCount == 1)
        #expect(role.frameworkCount == 2 && Set([role.frameworkPlace, b.roles[0].frameworkPlace]) == [1, 2])
        #expect(role.allocated == ["cpus": 9, "mem": 14336])
        // The declines that ended the example left filters on the one agent.
        #expect(a.filters.map(\.agentID) == ["agent"] && a.filters[0].secondsLeft > 3500)
        // Both stand at exactly 2/3 (12288/18432 and 6/9 round to the same Double): the tie goes
        // to the framework added first, A, in its role "*".
        #expect(role.frameworkShare == b.roles[0].frameworkShare)
        #expect(a.next?.id == "A" && a.nextRole == "*" && b.next?.id == "A")
        #expect(cluster.allocator.standing(of: "nobody", now: cluster.now) == nil)
    }

    @Test func aWeightedRoleStandsAtItsShareDividedByItsWeight() throws {
        var cluster = GreedyHarness()
        cluster.allocator.addAgent("agent", total: try Resources(parsing: "cpus:9;mem:18432"))
        cluster.allocator.setWeight("gold", 2)
        cluster.allocator.setQuota("gold", RoleQuota(guarantee: ["cpus": 2], limit: ["cpus": 8]))
        cluster.allocator.addFramework("G", roles: ["gold"])
        cluster.allocator.addFramework("S", roles: ["silver"])
        cluster.taskSize["G"] = try Resources(parsing: "cpus:1;mem:1024")
        cluster.taskSize["S"] = try Resources(parsing: "cpus:1;mem:1024")
        cluster.run()

        let gold = try #require(cluster.allocator.standing(of: "G", now: cluster.now)?.roles.first)
        #expect(gold.weight == 2 && abs(gold.roleShare - (6.0 / 9) / 2) < 1e-9 && gold.roleCount == 2)
        #expect(gold.guarantee == ["cpus": 2] && gold.limit == ["cpus": 8] && gold.allocated["cpus"] == 6)
        cluster.allocator.suppress("S")
        let silver = try #require(cluster.allocator.standing(of: "S", now: cluster.now))
        #expect(silver.roles[0].suppressed && silver.next?.id == "G" && silver.nextRole == "gold")
    }

    @Test func anOfferSaysItsStageTheOrdersThenAndWhoWasPassedOver() throws {
        var allocator = HierarchicalAllocator()
        var random = SeededRandom(seed: 1)
        allocator.addAgent("agent-1", total: try Resources(parsing: "cpus:4;mem:4096"))
        allocator.addFramework("F", roles: ["*"])
        allocator.addFramework("G", roles: ["*"])
        allocator.addFramework("H", roles: ["*"])
        allocator.suppress("F")
        allocator.setFrameworkActive("G", false)
        let offers = allocator.allocate(now: ClusterInstant(seconds: 0), random: &random)
        let reason = try #require(offers.first?.reason)
        #expect(offers.map(\.frameworkID) == ["H"])
        #expect(reason.stage == .fairShare && reason.role == "*" && reason.rolePlace == 1)
        #expect(reason.frameworkPlace == 3 && reason.frameworkCount == 3)
        #expect(reason.frameworkOrder.map(\.id) == ["F", "G", "H"])
        #expect(reason.passedOver.map(\.framework.id) == ["F", "G"] && reason.passedOver.map(\.reason) == [.suppressed, .inactive])

        var quota = HierarchicalAllocator()
        quota.addAgent("agent-1", total: try Resources(parsing: "cpus:4;mem:4096"))
        quota.setQuota("db", RoleQuota(guarantee: ["cpus": 1]))
        quota.addFramework("D", roles: ["db"])
        quota.addFramework("W", roles: ["web"])
        let guaranteed = quota.allocate(now: ClusterInstant(seconds: 0), random: &random)
        #expect(guaranteed.first { $0.frameworkID == "D" }?.reason.stage == .guarantee)
    }

    @Test func aFilterHoldingAnOfferBackIsNamedAsTheReasonItWasPassedOver() throws {
        var allocator = HierarchicalAllocator()
        var random = SeededRandom(seed: 1)
        allocator.addAgent("agent-1", total: try Resources(parsing: "cpus:4;mem:4096"))
        allocator.addFramework("F", roles: ["*"])
        allocator.addFramework("G", roles: ["*"])
        let first = allocator.allocate(now: ClusterInstant(seconds: 0), random: &random)
        allocator.recover(first[0].resources, of: "F", on: "agent-1", filters: Filters(refuseSeconds: 60), now: .zero)
        let second = allocator.allocate(now: ClusterInstant(seconds: 1), random: &random)
        #expect(second.map(\.frameworkID) == ["G"])
        #expect(second.first?.reason.passedOver.map(\.reason) == [.filtered])
        let standing = try #require(allocator.standing(of: "F", now: ClusterInstant(seconds: 1)))
        #expect(standing.filters.count == 1 && abs(standing.filters[0].secondsLeft - 59) < 1e-9)
    }
}
