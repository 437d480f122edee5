import ConsoleCore
import CorralModel
import Testing

@testable import ConsoleHistory

/// Refreshes in sections (`RefreshLayout`): a replay warming up reads their light parts only,
/// and histories written before the sections still replay.
@Suite struct RefreshLayoutTests {
    @Test func theChecksumIsCRC32() {
        var crc = CRC32()
        crc.update(Array("123456789".utf8))
        #expect(crc.value == 0xCBF4_3926)
        // Eight bytes a step and one at a time agree, whatever the offset and length.
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for range in [0..<300, 3..<7, 5..<300, 1..<290] {
            var whole = CRC32(), single = CRC32()
            whole.update(bytes, range: range)
            for index in range { single.update(bytes, range: index..<(index + 1)) }
            #expect(whole.value == single.value)
        }
    }

    @Test func aLightReadKeepsTheTimeFrameworksAndOfferCountAndSkipsTheTasks() throws {
        var cluster = SyntheticCluster(agents: 5, tasks: 60, churn: 4)
        var light = cluster.snapshot.withoutTasks
        var whole = cluster.snapshot
        for _ in 0..<10 {
            let previous = cluster.snapshot
            let (next, events) = cluster.advance()
            let payload = RefreshLayout.delta(next, against: previous, events: events)
            var lightReader = ByteReader(payload), wholeReader = ByteReader(payload)
            #expect(try RefreshLayout.applyDelta(to: &light, whole: false, from: &lightReader) == events)
            #expect(try RefreshLayout.applyDelta(to: &whole, whole: true, from: &wholeReader) == events)
            #expect(whole == next)
            #expect(light.time == next.time && light.frameworks == next.frameworks && light.offersMade == next.offersMade)
            #expect(light.tasks.isEmpty)
        }
        var reader = ByteReader(RefreshLayout.keyframe(whole, events: [], context: HistoryRecord.Context()))
        #expect(try RefreshLayout.readKeyframe(&reader, whole: false).snapshot == whole.withoutTasks)
    }

    @Test func aHistoryWrittenBeforeTheSectionsStillReplays() throws {
        var cluster = SyntheticCluster(agents: 3, tasks: 10, churn: 2)
        let first = cluster.snapshot
        let (second, events) = cluster.advance()
        var keyframe = ByteWriter()
        keyframe.value(first)
        keyframe.values([ClusterEvent]())
        keyframe.bool(false)  // no Services and Jobs
        keyframe.bool(false)  // no waiting launches
        var delta = ByteWriter()
        SnapshotDelta.write(second, against: first, to: &delta)
        delta.values(events)
        let bytes = RecordFraming.magic
            + RecordFraming.frame(kind: HistoryRecord.Kind.legacyKeyframe.rawValue, time: first.time.seconds, payload: keyframe.bytes)
            + RecordFraming.frame(kind: HistoryRecord.Kind.legacyDelta.rawValue, time: second.time.seconds, payload: delta.bytes)
        let history = try History(segments: [("old.history", bytes)])
        #expect(history.keyframes == [0])
        var cursor = HistoryCursor(history: history, from: 0)
        _ = cursor.read(light: true, wholeFrom: 5)
        guard case .cluster(let snapshot, let read)? = cursor.read(wholeFrom: 5).last else {
            Issue.record("no refresh read from the old delta")
            return
        }
        #expect(snapshot == second)
        #expect(read == events)
    }
}
