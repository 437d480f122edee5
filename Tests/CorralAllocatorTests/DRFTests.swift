import CorralModel
import Testing

@testable import CorralAllocator

/// A tiny cluster on which frameworks behave like the DRF paper's: each accepts one task of its
/// size from every offer it gets and gives the rest back; an offer its task does not fit in is
/// declined with a long filter. Every step checks the allocator's books.
struct GreedyHarness {
    var allocator = HierarchicalAllocator()
    var random = SeededRandom(seed: 7)
    var now = ClusterInstant(seconds: 1000)
    var taskSize: [FrameworkID: Resources] = [:]
    var tasks: [FrameworkID: Int] = [:]

    mutating func run(maxRounds: Int = 1000) {
        for _ in 0..<maxRounds {
            let allocations = allocator.allocate(now: now, random: &random)
            #expect(allocator.invariantViolations() == [])
            if allocations.isEmpty { return }
            for allocation in allocations {
                let size = taskSize[allocation.frameworkID]!.allocated(to: allocation.role)
                if let rest = try? allocation.resources.subtracting(size) {
                    tasks[allocation.frameworkID, default: 0] += 1
                    allocator.recover(rest, of: allocation.frameworkID, on: allocation.agentID, now: now)
                } else {
                    allocator.recover(allocation.resources, of: allocation.frameworkID, on: allocation.agentID,
                                      filters: Filters(refuseSeconds: 3600), now: now)
                }
                #expect(allocator.invariantViolations() == [])
            }
        }
        Issue.record("allocation did not settle")
    }
}

@Suite struct DRFTests {
    @Test func paperExampleEndsWithThreeTasksForAAndTwoForB() throws {
        var cluster = GreedyHarness()
        cluster.allocator.addAgent("agent", total: try Resources(parsing: "cpus:9;mem:18432"))
        cluster.allocator.addFramework("A", roles: ["*"])
        cluster.allocator.addFramework("B", roles: ["*"])
        cluster.taskSize["A"] = try Resources(parsing: "cpus:1;mem:4096")  // <1 CPU, 4 GB>
        cluster.taskSize["B"] = try Resources(parsing: "cpus:3;mem:1024")  // <3 CPUs, 1 GB>

        cluster.run()

        #expect(cluster.tasks["A"] == 3)  // A: 3 CPUs, 12 GB → dominant (mem) share 2/3
        #expect(cluster.tasks["B"] == 2)  // B: 6 CPUs, 2 GB  → dominant (cpu) share 2/3
        #expect(abs(cluster.allocator.dominantShare(of: "A") - 2.0 / 3) < 1e-9)
        #expect(abs(cluster.allocator.dominantShare(of: "B") - 2.0 / 3) < 1e-9)
    }

    @Test func weightedRolesShareInProportionToTheirWeights() throws {
        var cluster = GreedyHarness()
        cluster.allocator.addAgent("agent", total: try Resources(parsing: "cpus:9;mem:18432"))
        cluster.allocator.setWeight("gold", 2)
        cluster.allocator.addFramework("G", roles: ["gold"])
        cluster.allocator.addFramework("S", roles: ["silver"])
        cluster.taskSize["G"] = try Resources(parsing: "cpus:1;mem:1024")
        cluster.taskSize["S"] = try Resources(parsing: "cpus:1;mem:1024")

        cluster.run()

        #expect(cluster.tasks["G"] == 6)  // gold:   6/9 cpus, weighted share (6/9)/2 = 1/3
        #expect(cluster.tasks["S"] == 3)  // silver: 3/9 cpus, weighted share 1/3
    }

    @Test func frameworksOfOneRoleShareTheRoleFairly() throws {
        var cluster = GreedyHarness()
        cluster.allocator.addAgent("agent", total: try Resources(parsing: "cpus:8;mem:8192"))
        for name in ["A", "B"] {
            cluster.allocator.addFramework(FrameworkID(name), roles: ["analytics"])
            cluster.taskSize[FrameworkID(name)] = try Resources(parsing: "cpus:1;mem:512")
        }
        cluster.run()
        #expect(cluster.tasks["A"] == 4)
        #expect(cluster.tasks["B"] == 4)
    }

    @Test func sameSeedGivesSameAllocations() throws {
        func allocations(seed: UInt64) throws -> [Allocation] {
            var allocator = HierarchicalAllocator()
            for index in 0..<20 { allocator.addAgent(AgentID("a\(index)"), total: try Resources(parsing: "cpus:2;mem:2048")) }
            for index in 0..<5 { allocator.addFramework(FrameworkID("f\(index)"), roles: ["*"]) }
            var random = SeededRandom(seed: seed)
            return allocator.allocate(now: .zero, random: &random)
        }
        #expect(try allocations(seed: 1) == allocations(seed: 1))
        #expect(try allocations(seed: 1) != allocations(seed: 2))
    }
}
