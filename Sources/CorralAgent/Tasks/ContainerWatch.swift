import Synchronization

/// The agent's watch on a container's end, which it can call off: a watch replaced by a newer
/// one, or left when the agent stops, reports nothing.
final class ContainerWatch: Sendable {
    private let cancelled = Atomic(false)

    var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

    func cancel() { cancelled.store(true, ordering: .releasing) }
}
