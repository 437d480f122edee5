import ConsoleCore
import CorralModel

/// Reads a history forward from a keyframe and turns its records back into the messages the
/// live console's model was fed, rebuilding each delta's snapshot from the one before.
public struct HistoryCursor: Sendable {
    public let history: History
    /// The next entry to read.
    public private(set) var next: Int
    private var snapshot: ClusterSnapshot?
    /// Whether `snapshot` holds the tasks: its keyframe and every delta since were read whole.
    private var isWhole = false
    /// The first keyframe read brings Services', Jobs' and the waiting launches' values with it;
    /// later ones repeat what was already fed.
    private var fresh = true
    private var keyframes = KeyframeCache()

    public init(history: History, from entry: Int) {
        self.history = history
        next = max(0, min(entry, history.entries.count))
    }

    /// A cursor from `entry` of the same history that keeps the keyframes `earlier` decoded.
    init(from entry: Int, after earlier: HistoryCursor) {
        self.init(history: earlier.history, from: entry)
        keyframes = earlier.keyframes
    }

    public var isAtEnd: Bool { next >= history.entries.count }

    /// The next entry's messages; a record that cannot be read gives a notice naming it, and
    /// the deltas after it are skipped until the next keyframe.
    ///
    /// `light` leaves the tasks out of the refresh it feeds: what a jump feeds before its
    /// target, where the model keeps only the log, shares and rates. Refreshes before entry
    /// `wholeFrom` (a keyframe) are not rebuilt whole either: their tasks are skipped unread.
    public mutating func read(light: Bool = false, wholeFrom: Int = 0) -> [ConsoleMessage] {
        guard !isAtEnd else { return [] }
        let index = next
        next += 1
        do {
            switch history.entries[index].kind {
            case .keyframe:
                let whole = index >= wholeFrom
                let (read, events, context) = try keyframe(index, whole: whole)
                return arrived(at: read, whole: whole, events: events, context: context, light: light)
            case .delta:
                let whole = index >= wholeFrom
                guard var current = snapshot, isWhole || !whole else { return [] }
                // Ours alone while it changes, so that the change is made in place.
                snapshot = nil
                let events = try history.read(index) { reader throws(HistoryFormatError) in
                    try RefreshLayout.applyDelta(to: &current, whole: whole, from: &reader)
                }
                snapshot = current
                isWhole = whole
                return [.cluster(light ? current.withoutTasks : current, events: events)]
            default:
                return try readRecord(index, light: light)
            }
        } catch {
            snapshot = nil
            return [.notice("Skipped a damaged record of the history: \(error)", isError: true)]
        }
    }

    /// Keyframe `index`, whole or less its tasks: from the cache when it holds it, else read
    /// (and kept, when read whole).
    private mutating func keyframe(_ index: Int, whole: Bool) throws(HistoryFormatError) -> KeyframeCache.Keyframe {
        if let kept = keyframes.keyframe(at: index) {
            return whole ? kept : (kept.snapshot.withoutTasks, kept.events, kept.context)
        }
        let read = try history.read(index) { reader throws(HistoryFormatError) in try RefreshLayout.readKeyframe(&reader, whole: whole) }
        if whole { keyframes.keep(read, at: index) }
        return read
    }

    private mutating func arrived(
        at keyframe: ClusterSnapshot, whole: Bool, events: [ClusterEvent], context: HistoryRecord.Context, light: Bool
    ) -> [ConsoleMessage] {
        var messages: [ConsoleMessage] = []
        if fresh {
            if let frameworks = context.frameworks { messages.append(.frameworks(services: frameworks.services, jobs: frameworks.jobs)) }
            if let waiting = context.waiting { messages.append(.waitingLaunches(waiting)) }
            fresh = false
        }
        snapshot = keyframe
        isWhole = whole
        return messages + [.cluster(light ? keyframe.withoutTasks : keyframe, events: events)]
    }

    /// The other records, and refreshes as earlier histories wrote them (always read whole).
    private mutating func readRecord(_ index: Int, light: Bool) throws(HistoryFormatError) -> [ConsoleMessage] {
        switch try history.record(index) {
        case .keyframe(let whole, let events, let context):
            return arrived(at: whole, whole: true, events: events, context: context, light: light)
        case .legacyDelta(let payload):
            guard var current = snapshot, isWhole else { return [] }
            snapshot = nil
            var reader = ByteReader(payload)
            try SnapshotDelta.apply(to: &current, from: &reader)
            let events: [ClusterEvent] = try reader.values("events")
            snapshot = current
            return [.cluster(light ? current.withoutTasks : current, events: events)]
        case .delta:
            return []  // read by `read`
        case .frameworks(let services, let jobs):
            return [.frameworks(services: services, jobs: jobs)]
        case .waitingLaunches(let launches):
            return [.waitingLaunches(launches)]
        case .explanation(let subject, let answer):
            return [.explanation(subject, answer)]
        }
    }
}
