import Testing
@testable import CorralModel

@Suite struct ResourcesTests {
    @Test func parsesAndPrintsMesosResourceStrings() throws {
        let resources = try Resources(parsing: "cpus:4;mem:8192;disk:10000;ports:[31000-32000]")
        #expect(resources.cpus == 4)
        #expect(resources.mem == 8192)
        #expect(resources.disk == 10000)
        #expect(resources.ports == ValueRanges([31000...32000]))
        #expect(resources.description == "cpus:4;mem:8192;disk:10000;ports:[31000-32000]")
    }

    @Test func parsesStaticReservationsSetsAndSeveralRanges() throws {
        let resources = try Resources(parsing: " cpus(web):2 ; cpus:1.5; ports:[80-80, 443-444]; disks:{a,b} ")
        #expect(resources.cpus == 3.5)
        #expect(resources.reserved(for: "web").cpus == 2)
        #expect(resources.unreserved.cpus == 1.5)
        #expect(resources.ports.count == 3)
        #expect(resources.description == "cpus(web):2;cpus:1.5;ports:[80-80,443-444];disks:{a,b}")
    }

    @Test(arguments: [
        ("cpus", "cpus", "expected 'name:value'"),
        ("cpus:abc", "cpus:abc", "'abc' is not a number"),
        ("cpus:4;mem:-1", "mem:-1", "mem cannot be negative"),
        ("ports:[31000-]", "ports:[31000-]", "'31000-' is not a range like 31000-32000"),
        ("ports:[5-1]", "ports:[5-1]", "range 5-1 ends before it begins"),
        ("cpus(web:2", "cpus(web:2", "expected ')' after the role"),
        ("cp us:1", "cp us:1", "'cp us' is not a resource name"),
    ])
    func malformedStringsNameTheOffendingPart(text: String, part: String, problem: String) {
        #expect(throws: ResourcesParseError(part: part, text: text, problem: problem)) {
            try Resources(parsing: text)
        }
    }

    @Test func addingMergesSameIdentityOnly() throws {
        var bag = try Resources(parsing: "cpus:1;ports:[1-5]")
        bag += try Resources(parsing: "cpus:0.5;cpus(web):1;ports:[6-9]")
        #expect(bag.unreserved.cpus == 1.5)
        #expect(bag.reserved(for: "web").cpus == 1)
        #expect(bag.ports == ValueRanges([1...9]))
    }

    @Test func subtractionNeverGoesNegativeSilently() throws {
        let bag = try Resources(parsing: "cpus:1;mem:100")
        #expect(throws: ResourcesError.self) { try bag.subtracting(Resources(parsing: "cpus:2")) }
        #expect(throws: ResourcesError.self) { try bag.subtracting(Resources(parsing: "gpus:1")) }
        // Reserved resources are not the unreserved ones.
        #expect(throws: ResourcesError.self) { try bag.subtracting(Resources(parsing: "cpus(web):1")) }
        let rest = try bag.subtracting(Resources(parsing: "cpus:1;mem:40"))
        #expect(rest.description == "mem:60")
    }

    @Test func scalarsDoNotDriftOverManySmallSteps() throws {
        var bag = try Resources(parsing: "cpus:1")
        let tenth = try Resources(parsing: "cpus:0.1")
        for _ in 0..<10 { try bag.subtract(tenth) }
        #expect(bag.isEmpty)
        for _ in 0..<3 { bag += tenth }
        #expect(bag.contains(try Resources(parsing: "cpus:0.3")))
    }

    @Test func rangesSplitAndMergeOnSubtraction() throws {
        var ports = ValueRanges([31000...32000])
        ports.remove(ValueRanges([31005...31010]))
        #expect(ports.ranges == [31000...31004, 31011...32000])
        ports.insert(31005...31010)
        #expect(ports.ranges == [31000...32000])
        #expect(!ports.contains(ValueRanges([31999...32001])))
    }

    @Test func allocationRoleIsPartOfIdentity() throws {
        let free = try Resources(parsing: "cpus:2")
        let offered = free.allocated(to: "web")
        #expect(!free.contains(offered))
        #expect(offered.unallocated() == free)
        #expect(offered.cpus == 2)
    }

    @Test func allocatingUnmarkedKeepsMarksAndMergesWhatBecomesTheSame() throws {
        let unmarked = try Resources(parsing: "cpus:1;mem:32")
        #expect(unmarked.allocatingUnmarked(to: "web") == unmarked.allocated(to: "web"))
        let marked = unmarked.allocated(to: "db")
        #expect(marked.allocatingUnmarked(to: "web") == marked)
        // cpus marked "web" and unmarked cpus become one entry of 1.5 cpus for "web".
        let mixed = try Resources(parsing: "cpus:0.5").allocated(to: "web") + Resources(parsing: "cpus:1;mem:32")
        let result = mixed.allocatingUnmarked(to: "web")
        #expect(result.entries.count == 2)
        #expect(result == (try Resources(parsing: "cpus:1.5;mem:32")).allocated(to: "web"))
    }
}
