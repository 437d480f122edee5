import CorralModel
import Testing

@testable import CorralJobs

@Suite struct JobGraphTests {
    func graph() throws -> JobGraph {
        var graph = JobGraph()
        try graph.set("extract", parents: [])
        try graph.set("transform", parents: ["extract"])
        try graph.set("load", parents: ["transform"])
        return graph
    }

    @Test func cyclesAreRefusedAndNamed() throws {
        var graph = try graph()
        #expect(throws: JobGraphError(job: "extract", problem: "dependencies would form a cycle: extract → transform → load → extract")) {
            try graph.set("extract", parents: ["load"])
        }
        #expect(throws: JobGraphError(job: "x", problem: "a job cannot depend on itself")) { try graph.set("x", parents: ["x"]) }
        #expect(throws: JobGraphError(job: "report", problem: "parent 'nowhere' is not a known job")) { try graph.set("report", parents: ["nowhere"]) }
        #expect(graph.parents["extract"] == [])  // unchanged by the refused edits
    }

    @Test func dependentRunsWhenEveryParentSucceededSinceItsLastRun() throws {
        var graph = try graph()
        try graph.set("other", parents: [])
        try graph.set("report", parents: ["load", "other"])
        var successes: [String: Time] = ["load": Time(seconds: 10)]
        #expect(!graph.isReady("report", lastRun: nil, lastSuccess: { successes[$0] }))  // other never succeeded
        successes["other"] = Time(seconds: 12)
        #expect(graph.isReady("report", lastRun: nil, lastSuccess: { successes[$0] }))
        #expect(!graph.isReady("report", lastRun: Time(seconds: 11), lastSuccess: { successes[$0] }))  // load is older
        successes["load"] = Time(seconds: 20)
        #expect(graph.isReady("report", lastRun: Time(seconds: 11), lastSuccess: { successes[$0] }))
        #expect(!graph.isReady("extract", lastRun: nil, lastSuccess: { successes[$0] }))  // scheduled by time
    }

    @Test func removingAJobKeepsItsChildren() throws {
        var graph = try graph()
        graph.remove("transform")
        #expect(graph.jobs == ["extract", "load"])
        #expect(graph.parents["load"] == [])
    }

    @Test func csvListsNodesAndLinks() throws {
        let csv = try graph().csv { _ in (status: "idle", lastResult: "success") }
        #expect(csv == "node,extract,success,idle\nnode,load,success,idle\nnode,transform,success,idle\nlink,transform,load\nlink,extract,transform\n")
    }
}

/// The cycle check walks with a stack of its own: a long chain of dependent jobs once
/// recursed once per link.
@Suite struct JobGraphDepthTests {
    @Test func aChainOfAHundredThousandJobsIsCheckedWithoutOverflowing() throws {
        var parents: [String: [String]] = [:]
        for index in 1..<100_000 { parents["j\(index)"] = ["j\(index - 1)"] }
        var graph = JobGraph(parents: parents)
        #expect(graph.cycle(through: "j99999") == nil)
        #expect(throws: JobGraphError.self) { try graph.set("j0", parents: ["j99999"]) }
    }
}
