import Testing
@testable import CorralModel

/// The allocator's per-offer shortcuts in `Resources` (whole-bag subtract, add to an empty bag,
/// re-marking in place, unreserved bags as their own filter) give what the general paths give.
@Suite struct ResourcesShortcutTests {
    @Test func subtractingTheWholeBagLeavesNothing() throws {
        let bag = try Resources(parsing: "cpus:24;mem:4096;ports:[31000-32000];disks:{a}")
        #expect(try bag.subtracting(bag).isEmpty)
        #expect(throws: ResourcesError.self) { try Resources().subtracting(bag) }
    }

    @Test func addingToAnEmptyBagGivesTheOtherBag() throws {
        let other = try Resources(parsing: "cpus:1.5;cpus(web):1;ports:[1-5]")
        var bag = Resources()
        bag += other
        #expect(bag.entries == other.entries)
        bag += other
        #expect(bag.cpus == 5 && bag.ports == ValueRanges([1...5]))
    }

    @Test func markingAndUnmarkingKeepEntriesApartOrMergeThem() throws {
        let bag = try Resources(parsing: "cpus:1;cpus(web):2;ports:[1-5]")
        let marked = bag.allocated(to: "web")
        #expect(marked.entries.allSatisfy { $0.allocationRole == "web" } && marked.entries.count == 3)
        #expect(marked.unallocated() == bag)
        #expect(bag.unallocated().entries == bag.entries)
        // Mixed marks on the same resource merge when the marks go.
        let mixed = Resources([Resource.scalar("cpus", 1)]) + Resources([Resource.scalar("cpus", 2)]).allocated(to: "a")
        #expect(mixed.entries.count == 2)
        #expect(mixed.unallocated().entries.count == 1 && mixed.unallocated().cpus == 3)
        #expect(mixed.allocated(to: "b").entries.count == 1 && mixed.allocated(to: "b").cpus == 3)
    }

    @Test func anUnreservedBagIsAllocatableToEveryRole() throws {
        let plain = try Resources(parsing: "cpus:4;mem:64")
        #expect(plain.allocatable(to: "web").entries == plain.entries && plain.unreserved.entries == plain.entries)
        let reserved = try Resources(parsing: "cpus:4;cpus(web):1;cpus(db):2")
        #expect(reserved.allocatable(to: "web").cpus == 5 && reserved.unreserved.cpus == 4)
    }
}
