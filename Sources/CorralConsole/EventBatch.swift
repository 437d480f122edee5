import CorralModel
import Synchronization

/// Cluster events gathered between two refreshes.
final class EventBatch: Sendable {
    private let events = Mutex<[ClusterEvent]>([])

    func append(_ event: ClusterEvent) { events.withLock { $0.append(event) } }

    func take() -> [ClusterEvent] {
        events.withLock { events in
            defer { events.removeAll(keepingCapacity: true) }
            return events
        }
    }
}
