import CorralModel
import Testing

@testable import CorralAllocator

@Suite struct QuotaTests {
    /// Two agents of 4 cpus; frameworks take whole offers.
    func cluster() throws -> HierarchicalAllocator {
        var allocator = HierarchicalAllocator()
        allocator.addAgent("a1", total: try Resources(parsing: "cpus:4;mem:4096"))
        allocator.addAgent("a2", total: try Resources(parsing: "cpus:4;mem:4096"))
        return allocator
    }

    @Test func guaranteesAreMetBeforeFairShare() throws {
        var allocator = try cluster()
        allocator.addFramework("dev-framework", roles: ["dev"])  // first in every tie
        allocator.addFramework("prod-framework", roles: ["prod"])
        allocator.setQuota("prod", RoleQuota(guarantee: ["cpus": 6]))
        var random = SeededRandom(seed: 3)

        _ = allocator.allocate(now: .zero, random: &random)

        #expect(allocator.invariantViolations() == [])
        #expect(allocator.allocation(of: "prod-framework").cpus == 6)  // its guarantee, first
        #expect(allocator.allocation(of: "dev-framework").cpus == 2)  // what is left
    }

    @Test func headroomForAnUnmetGuaranteeStaysFree() throws {
        var allocator = try cluster()
        allocator.addFramework("dev-framework", roles: ["dev"])
        // prod is guaranteed 6 cpus but has no framework yet: dev may take only the surplus.
        allocator.setQuota("prod", RoleQuota(guarantee: ["cpus": 6]))
        var random = SeededRandom(seed: 3)
        _ = allocator.allocate(now: .zero, random: &random)
        #expect(allocator.allocation(of: "dev-framework").cpus == 2)

        allocator.addFramework("prod-framework", roles: ["prod"])
        _ = allocator.allocate(now: ClusterInstant(seconds: 1), random: &random)
        #expect(allocator.allocation(of: "prod-framework").cpus == 6)
        #expect(allocator.invariantViolations() == [])
    }

    @Test func roleNeverGoesPastItsLimit() throws {
        var allocator = try cluster()
        allocator.addFramework("F", roles: ["capped"])
        allocator.setQuota("capped", RoleQuota(limit: ["cpus": 3]))
        var random = SeededRandom(seed: 3)
        _ = allocator.allocate(now: .zero, random: &random)
        _ = allocator.allocate(now: ClusterInstant(seconds: 1), random: &random)
        #expect(allocator.allocation(of: "F").cpus == 3)
        #expect(allocator.invariantViolations() == [])
    }
}
