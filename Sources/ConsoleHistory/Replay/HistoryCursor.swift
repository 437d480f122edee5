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
    ///
    /// `light` leaves the tasks out of the refresh it feeds (they are still rebuilt): what a
    /// jump feeds before its target, where the model keeps only the log, shares and rates.
    public mutating func read(light: Bool = false) -> [ConsoleMessage] {
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
                return messages + [.cluster(light ? whole.withoutTasks : whole, events: events)]
            case .delta(let payload):
                guard var current = snapshot else { return [] }
                // Ours alone while it changes, so that the change is made in place.
                snapshot = nil
                var reader = ByteReader(payload)
                try SnapshotDelta.apply(to: &current, from: &reader)
                let events: [ClusterEvent] = try reader.values("events")
                snapshot = current
                return [.cluster(light ? current.withoutTasks : current, events: events)]
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
