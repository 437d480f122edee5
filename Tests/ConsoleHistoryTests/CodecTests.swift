import ConsoleCore
import CorralModel
import Testing

@testable import ConsoleHistory

@Suite struct CodecTests {
    @Test func aSnapshotReadsBackEqual() throws {
        let snapshot = SyntheticCluster(agents: 5, tasks: 50).snapshot
        let record = HistoryRecord.keyframe(snapshot, events: [], context: HistoryRecord.Context())
        #expect(try HistoryRecord(kind: .keyframe, payload: record.payload) == record)
    }

    @Test func deltasRebuildEverySnapshotExactly() throws {
        var cluster = SyntheticCluster(agents: 5, tasks: 60, churn: 4)
        var previous = cluster.snapshot
        for _ in 0..<20 {
            let (next, events) = cluster.advance()
            var writer = ByteWriter()
            SnapshotDelta.write(next, against: previous, to: &writer)
            writer.values(events)
            var reader = ByteReader(writer.bytes)
            let rebuilt = try SnapshotDelta.read(against: previous, from: &reader)
            #expect(rebuilt == next)
            #expect(rebuilt.tasks.map(\.key) == next.tasks.map(\.key))  // order kept, not just the set
            #expect(try reader.values("events", ClusterEvent.self) == events)
            previous = next
        }
    }

    @Test func aDeltaIsMuchSmallerThanAKeyframe() {
        var cluster = SyntheticCluster(agents: 100, tasks: 2000, churn: 20)
        let before = cluster.snapshot
        let (after, _) = cluster.advance()
        var writer = ByteWriter()
        SnapshotDelta.write(after, against: before, to: &writer)
        let keyframe = HistoryRecord.keyframe(after, events: [], context: HistoryRecord.Context()).payload
        #expect(writer.bytes.count * 5 < keyframe.count)
    }

    @Test func rowsAnswersAndEventsReadBack() throws {
        let standing = FrameworkStanding(
            frameworkID: "F1", name: "web", active: true, dominantShare: 0.25, dominantResource: "cpus",
            roles: [.init(role: "*", weight: 1, roleShare: 0.25, rolePlace: 1, roleCount: 2, frameworkShare: 0.25, frameworkPlace: 1, frameworkCount: 1, suppressed: false, guarantee: ["cpus": 1], limit: nil, allocated: ["cpus": 3])],
            next: nil, nextRole: nil,
            filters: [.init(agentID: "S1", hostname: "h", secondsLeft: 3, resources: Resources(), origin: FilterOrigin(.decline, of: "O1", refuseSeconds: 5))],
            outstandingOffers: 0)
        let records: [HistoryRecord] = [
            .explanation(.framework("F1"), .framework(standing)),
            .explanation(.job("tick"), .unavailable("no")),
            .waitingLaunches([WaitingLaunch(taskID: "t", name: "t", cpus: 1, mem: 2)]),
            .frameworks(
                services: [ServiceRow(id: "/a", wanted: 2, status: .waiting(reason: "no room"), cpus: 1, mem: 2, tasks: [ServiceTaskRow(taskID: "a.1", host: "h", state: "TASK_RUNNING", healthy: true, version: "v")])],
                jobs: nil),
        ]
        for record in records { #expect(try HistoryRecord(kind: record.kind, payload: record.payload) == record) }
    }

    @Test func aTruncatedRecordIsAnErrorNamingWhatIsMissing() {
        let payload = HistoryRecord.keyframe(SyntheticCluster(agents: 2, tasks: 3).snapshot, events: [], context: HistoryRecord.Context()).payload
        #expect(throws: HistoryFormatError.self) { try HistoryRecord(kind: .keyframe, payload: Array(payload.prefix(payload.count / 2))) }
        do {
            _ = try HistoryRecord(kind: .keyframe, payload: Array(payload.prefix(40)))
        } catch {
            #expect(error.problem.contains("truncated") || error.problem.contains("left"))
        }
    }

    @Test func rangesThatEndBeforeTheyStartAreRefused() {
        var writer = ByteWriter()
        writer.string("ports")
        writer.byte(1)
        writer.uint(1)
        writer.uint(32000)
        writer.uint(31000)
        var reader = ByteReader(writer.bytes)
        #expect(throws: HistoryFormatError("range 32000-31000 ends before it starts")) { try Resource(from: &reader) }
    }
}
