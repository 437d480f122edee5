import CorralModel
import Testing

@testable import CorralAllocator

@Suite struct OfferControlTests {
    var allocator = HierarchicalAllocator()
    var random = SeededRandom(seed: 1)

    init() throws {
        allocator.addAgent("agent-1", total: try Resources(parsing: "cpus:4;mem:4096;ports:[31000-32000]"))
    }

    mutating func allocate(at seconds: Double, allAgents: Bool = true) -> [Allocation] {
        let result = allocator.allocate(now: ClusterInstant(seconds: seconds), random: &random, allAgents: allAgents)
        #expect(allocator.invariantViolations() == [])
        return result
    }

    @Test mutating func declinedAgentIsNotReofferedUntilFilterExpires() throws {
        allocator.addFramework("F", roles: ["*"])
        let first = allocate(at: 0)
        #expect(first.map(\.agentID) == ["agent-1"])

        allocator.recover(first[0].resources, of: "F", on: "agent-1", filters: Filters(refuseSeconds: 10), now: ClusterInstant(seconds: 0))
        #expect(allocate(at: 1).isEmpty)
        #expect(allocate(at: 9.99).isEmpty)
        #expect(allocate(at: 10).map(\.frameworkID) == ["F"])  // the filter expires at t = 10
    }

    @Test mutating func declinedOfferGoesToTheNextFramework() throws {
        allocator.addFramework("F", roles: ["*"])
        allocator.addFramework("G", roles: ["*"])
        let first = allocate(at: 0)
        #expect(first.map(\.frameworkID) == ["F"])
        allocator.recover(first[0].resources, of: "F", on: "agent-1", filters: Filters(refuseSeconds: 60), now: .zero)
        #expect(allocate(at: 1).map(\.frameworkID) == ["G"])
    }

    @Test mutating func filterLetsThroughMoreThanWasRefused() throws {
        allocator.addFramework("F", roles: ["*"])
        let offer = allocate(at: 0)[0]
        let half = try Resources(parsing: "cpus:2;mem:2048").allocated(to: "*")
        // F keeps half (a task) and declines the rest for a minute.
        allocator.recover(try offer.resources.subtracting(half), of: "F", on: "agent-1", filters: Filters(refuseSeconds: 60), now: .zero)
        #expect(allocate(at: 1).isEmpty)
        // The task ends: now more is free than was refused, so F hears about it.
        allocator.recover(half, of: "F", on: "agent-1", now: ClusterInstant(seconds: 2))
        #expect(allocate(at: 2).map(\.resources.cpus) == [4])
    }

    @Test mutating func suppressedFrameworkGetsNothingUntilRevived() throws {
        allocator.addFramework("F", roles: ["*"])
        allocator.suppress("F")
        #expect(allocate(at: 0).isEmpty)
        #expect(allocate(at: 100).isEmpty)
        allocator.revive("F")
        #expect(allocate(at: 101).map(\.frameworkID) == ["F"])
    }

    @Test mutating func reviveClearsRefuseFilters() throws {
        allocator.addFramework("F", roles: ["*"])
        let offer = allocate(at: 0)[0]
        allocator.recover(offer.resources, of: "F", on: "agent-1", filters: Filters(refuseSeconds: 3600), now: .zero)
        #expect(allocate(at: 1).isEmpty)
        allocator.revive("F")
        #expect(allocate(at: 2).count == 1)
    }

    @Test mutating func eventCycleLooksOnlyAtAgentsThatChanged() throws {
        allocator.addAgent("agent-2", total: try Resources(parsing: "cpus:4;mem:4096"))
        allocator.addFramework("F", roles: ["*"])
        let offers = allocate(at: 0)
        #expect(Set(offers.map(\.agentID)) == ["agent-1", "agent-2"])
        for offer in offers {
            allocator.recover(offer.resources, of: "F", on: offer.agentID, filters: Filters(refuseSeconds: 0), now: .zero)
        }
        #expect(allocator.hasPendingWork)
        #expect(Set(allocate(at: 1, allAgents: false).map(\.agentID)) == ["agent-1", "agent-2"])
        #expect(!allocator.hasPendingWork)
        #expect(allocate(at: 2, allAgents: false).isEmpty)
    }

    @Test mutating func inactiveAgentsAndFrameworksAreNotOffered() throws {
        allocator.addFramework("F", roles: ["*"])
        allocator.setAgentActive("agent-1", false)
        #expect(allocate(at: 0).isEmpty)
        allocator.setAgentActive("agent-1", true)
        allocator.setFrameworkActive("F", false)
        #expect(allocate(at: 1).isEmpty)
        allocator.setFrameworkActive("F", true)
        #expect(allocate(at: 2).count == 1)
    }

    @Test mutating func reservedResourcesGoOnlyToTheirRole() throws {
        allocator.addAgent("agent-r", total: try Resources(parsing: "cpus(web):2;mem(web):1024"))
        allocator.addFramework("batch", roles: ["*"])
        let batch = allocate(at: 0)
        #expect(batch.allSatisfy { $0.agentID == "agent-1" })
        allocator.addFramework("web", roles: ["web"])
        let web = allocate(at: 1)
        #expect(web.map(\.agentID) == ["agent-r"])
        #expect(web.first?.resources.reserved(for: "web").cpus == 2)
        #expect(web.first?.resources.entries.allSatisfy { $0.allocationRole == "web" } == true)
    }
}
