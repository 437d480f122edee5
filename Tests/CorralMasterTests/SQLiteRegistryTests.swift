import CorralAllocator
import CorralModel
import CorralRegistry
import Foundation
import GRDB
import Testing

@testable import CorralMaster

/// The registry on disk holds exactly what the in-memory one does after the same changes, and
/// a reopened file gives it back, cluster ID included.
@Suite struct SQLiteRegistryTests {
    func changes() throws -> [RegistryChange] {
        let a1 = AgentInfo(id: "a1", hostname: "h1", port: 5051, resources: try Resources(parsing: "cpus:4;mem:4096;ports:[31000-32000]"), attributes: try Attribute.parseList("rack:r1;cores:8"))
        let a2 = AgentInfo(id: "a2", hostname: "h2", resources: try Resources(parsing: "cpus:2;mem:1024"))
        let a3 = AgentInfo(id: "a3", hostname: "h3", resources: try Resources(parsing: "cpus:1;mem:512"))
        return [
            .admit(a1, at: Time(seconds: 1)), .admit(a2, at: Time(seconds: 2)), .admit(a3, at: Time(seconds: 3)),
            .markUnreachable(["a2"], at: Time(seconds: 4)), .markGone("a3", at: Time(seconds: 5)),
            .setWeight(role: "prod", weight: 2.5), .setWeight(role: "dev", weight: 3), .setWeight(role: "dev", weight: 1),
            .setQuota(role: "prod", quota: RoleQuota(guarantee: ["cpus": 2], limit: ["cpus": 4, "mem": 2048])),
            .setQuota(role: "dev", quota: RoleQuota(guarantee: ["mem": 64])), .setQuota(role: "dev", quota: nil),
        ]
    }

    @Test func reopenedFileHoldsWhatWasApplied() throws {
        let directory = NSTemporaryDirectory() + "corral-registry-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try SQLiteRegistry(workDirectory: directory)
        var expected = try first.recover()
        try first.apply(try changes())
        for change in try changes() { expected.apply(change) }

        let reopened = try SQLiteRegistry(workDirectory: directory).recover()
        #expect(reopened == expected)
        #expect(reopened.admitted.keys.sorted() == ["a1"])
        #expect(reopened.unreachable == ["a2": Time(seconds: 4)])
        #expect(reopened.gone == ["a3": Time(seconds: 5)])
        #expect(reopened.weights == ["prod": 2.5])
        #expect(reopened.quotas == ["prod": RoleQuota(guarantee: ["cpus": 2], limit: ["cpus": 4, "mem": 2048])])
    }

    /// A row an older master wrote that this one refuses to read (an agent advertising
    /// cpus 1e306, before such amounts were refused) must not keep the master from starting.
    @Test func anAgentRowThatNoLongerReadsComesBackUnreachable() throws {
        let directory = NSTemporaryDirectory() + "corral-registry-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let registry = try SQLiteRegistry(workDirectory: directory)
        try registry.apply([.admit(AgentInfo(id: "a1", hostname: "h1", resources: try Resources(parsing: "cpus:4")), at: Time(seconds: 7))])
        let file = try #require(FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String }.first { $0.hasSuffix(".sqlite") })
        let database = try GRDB.DatabaseQueue(path: directory + "/" + file)
        try database.write { db in
            try db.execute(sql: #"UPDATE agent SET info = '{"id":{"value":"a1"},"hostname":"h1","resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":1e306}}]}' WHERE id = 'a1'"#)
            try db.execute(sql: "INSERT INTO weight (role, weight) VALUES ('bad', 'x')")
        }
        let state = try SQLiteRegistry(workDirectory: directory).recover()
        #expect(state.admitted.isEmpty)
        #expect(state.unreachable == ["a1": Time(seconds: 7)])
        #expect(state.weights["bad"] == nil)
    }

    @Test func clusterIDIsChosenOnceAndKept() throws {
        let directory = NSTemporaryDirectory() + "corral-registry-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let id = try SQLiteRegistry(workDirectory: directory).recover().clusterID
        #expect(!id.isEmpty)
        #expect(try SQLiteRegistry(workDirectory: directory).recover().clusterID == id)
        #expect(try SQLiteRegistry(workDirectory: directory + "-other").recover().clusterID != id)
        try? FileManager.default.removeItem(atPath: directory + "-other")
    }

    @Test func pruneAndRemoveDeleteOnlyTheirOwnLists() throws {
        let registry = try SQLiteRegistry(path: nil)
        try registry.apply(try changes())
        try registry.apply([.prune(unreachable: ["a2"], gone: []), .remove("a3"), .remove("a1")])
        let state = try registry.recover()
        #expect(state.admitted.isEmpty && state.unreachable.isEmpty)
        #expect(state.gone.keys.sorted() == ["a3"])  // `remove` is for admitted agents only
    }
}
