import CorralModel

/// The last few keyframes a replay decoded whole, least recently used first. A user jumps back
/// and forth about one moment; with its keyframe kept, a jump there checks and decodes only the
/// deltas after it, not the keyframe's thousands of tasks again. The history's bytes never
/// change once loaded, so a keyframe checked and decoded once stays what it was.
struct KeyframeCache: Sendable {
    typealias Keyframe = (snapshot: ClusterSnapshot, events: [ClusterEvent], context: HistoryRecord.Context)

    /// Each keyframe of a busy cluster holds a few MB decoded.
    let capacity: Int
    private var kept: [(entry: Int, keyframe: Keyframe)] = []

    init(capacity: Int = 4) { self.capacity = capacity }

    /// Entry `entry`'s keyframe, if kept; it becomes the most recently used.
    mutating func keyframe(at entry: Int) -> Keyframe? {
        guard let place = kept.firstIndex(where: { $0.entry == entry }) else { return nil }
        let found = kept.remove(at: place)
        kept.append(found)
        return found.keyframe
    }

    mutating func keep(_ keyframe: Keyframe, at entry: Int) {
        guard capacity > 0 else { return }
        kept.removeAll { $0.entry == entry }
        if kept.count >= capacity { kept.removeFirst() }
        kept.append((entry, keyframe))
    }
}
