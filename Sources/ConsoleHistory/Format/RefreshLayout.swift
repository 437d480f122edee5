import ConsoleCore
import CorralModel

/// How a refresh of the cluster is written (record kinds `keyframe` and `delta`): three
/// sections, so that a replay reads only what it needs.
///
/// - keyframe: the events and the context; the snapshot less its tasks (`withoutTasks`); the
///   whole snapshot.
/// - delta: the events; the time, the frameworks' changes and the offer count; the whole
///   delta (`SnapshotDelta`).
///
/// A replay warming up before the moment it shows feeds the console's model refreshes it will
/// not draw, from which the model keeps only the log, the shares and the offer rate: those it
/// reads from the first two sections and skips the third, the tasks' thousands of records.
/// Earlier histories (`legacyKeyframe`, `legacyDelta`) are read whole.
enum RefreshLayout {
    static func keyframe(_ snapshot: ClusterSnapshot, events: [ClusterEvent], context: HistoryRecord.Context) -> [UInt8] {
        var writer = ByteWriter()
        writer.section { writer in
            writer.values(events)
            writer.optional(context.frameworks) { $0.frameworks($1.services, $1.jobs) }
            writer.optional(context.waiting) { $0.values($1) }
        }
        writer.section { $0.value(snapshot.withoutTasks) }
        writer.section { $0.value(snapshot) }
        return writer.bytes
    }

    static func delta(_ new: ClusterSnapshot, against old: ClusterSnapshot, events: [ClusterEvent]) -> [UInt8] {
        var writer = ByteWriter()
        writer.section { $0.values(events) }
        writer.section { writer in
            writer.time(new.time)
            ListPatch.write(new.frameworks, against: old.frameworks, key: \.id, to: &writer)
            writer.int(new.offersMade)
        }
        writer.section { SnapshotDelta.write(new, against: old, to: &$0) }
        return writer.bytes
    }

    /// A keyframe: its snapshot, whole or less its tasks.
    static func readKeyframe(
        _ reader: inout ByteReader, whole: Bool
    ) throws(HistoryFormatError) -> (snapshot: ClusterSnapshot, events: [ClusterEvent], context: HistoryRecord.Context) {
        var head = try reader.section("a keyframe's events")
        let events: [ClusterEvent] = try head.values("events")
        let frameworks = try head.optional("Services and Jobs") { reader throws(HistoryFormatError) in try reader.frameworks() }
        let waiting = try head.optional("waiting launches") { reader throws(HistoryFormatError) in try reader.values("waiting launches", WaitingLaunch.self) }
        try head.expectEnd("a keyframe's events")
        let light = try reader.section("a keyframe's snapshot less its tasks")
        let full = try reader.section("a keyframe's snapshot")
        try reader.expectEnd("a keyframe")
        var chosen = whole ? full : light
        let snapshot: ClusterSnapshot = try chosen.value()
        try chosen.expectEnd("a keyframe's snapshot")
        return (snapshot, events, HistoryRecord.Context(frameworks: frameworks, waiting: waiting))
    }

    /// Applies a delta to `snapshot`: whole, or (`whole` false) only its time, frameworks and
    /// offer count, which leaves the rest as it was. Returns the events.
    static func applyDelta(to snapshot: inout ClusterSnapshot, whole: Bool, from reader: inout ByteReader) throws(HistoryFormatError) -> [ClusterEvent] {
        var head = try reader.section("a delta's events")
        let events: [ClusterEvent] = try head.values("events")
        try head.expectEnd("a delta's events")
        var light = try reader.section("a delta's frameworks")
        var full = try reader.section("a delta")
        try reader.expectEnd("a delta")
        if whole {
            try SnapshotDelta.apply(to: &snapshot, from: &full)
            try full.expectEnd("a delta")
        } else {
            snapshot.time = try light.time("the snapshot's time")
            try ListPatch.apply("frameworks", to: &snapshot.frameworks, from: &light)
            snapshot.offersMade = try light.int("offers made")
            try light.expectEnd("a delta's frameworks")
        }
        return events
    }
}

extension ByteReader {
    mutating func expectEnd(_ what: @autoclosure () -> String) throws(HistoryFormatError) {
        guard isAtEnd else { throw HistoryFormatError("\(remaining) bytes left over after \(what())") }
    }
}

extension ClusterSnapshot {
    /// The snapshot less its tasks and their usage: all a console's model takes from a refresh
    /// it will not show (the frameworks' shares, the offer count, the agents for the first line).
    var withoutTasks: ClusterSnapshot {
        var light = self
        light.tasks = []
        light.completedTasks = []
        light.taskUsage = [:]
        return light
    }
}
