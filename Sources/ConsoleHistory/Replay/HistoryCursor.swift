import ConsoleCore
import CorralModel

/// Reads a history forward from a keyframe and turns its records back into the messages the
/// live console's model was fed, rebuilding each delta's snapshot from the one before.
public struct HistoryCursor: Sendable {
    public let history: History
    /// The next entry to read.
    public private(set) var next: Int
    private var snapshot: ClusterSnapshot?
    /// The first keyframe read brings Services', Jobs' and the waiting launches' values with it;
    /// later ones repeat what was already fed.
    private var fresh = true

    public init(history: History, from entry: Int) {
        self.history = history
        next = max(0, min(entry, history.entries.count))
    }

    public var isAtEnd: Bool { next >= history.entries.count }

    /// The next entry's messages; a record that cannot be read gives a notice naming it, and
    /// the deltas after it are skipped until the next keyframe.
    public mutating func read() -> [ConsoleMessage] {
        guard !isAtEnd else { return [] }
        let index = next
        next += 1
        do {
            switch try history.record(index) {
            case .keyframe(let whole, let events, let context):
                var messages: [ConsoleMessage] = []
                if fresh {
                    if let frameworks = context.frameworks { messages.append(.frameworks(services: frameworks.services, jobs: frameworks.jobs)) }
                    if let waiting = context.waiting { messages.append(.waitingLaunches(waiting)) }
                    fresh = false
                }
                snapshot = whole
                return messages + [.cluster(whole, events: events)]
            case .delta(let payload):
                guard let previous = snapshot else { return [] }
                var reader = ByteReader(payload)
                let rebuilt = try SnapshotDelta.read(against: previous, from: &reader)
                let events: [ClusterEvent] = try reader.values("events")
                snapshot = rebuilt
                return [.cluster(rebuilt, events: events)]
            case .frameworks(let services, let jobs):
                return [.frameworks(services: services, jobs: jobs)]
            case .waitingLaunches(let launches):
                return [.waitingLaunches(launches)]
            case .explanation(let subject, let answer):
                return [.explanation(subject, answer)]
            }
        } catch {
            snapshot = nil
            return [.notice("Skipped a damaged record of the history: \(error)", isError: true)]
        }
    }
}
