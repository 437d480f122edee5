import Synchronization

/// Things a launch would otherwise make on its path, made ahead while tasks run: a launch takes
/// a ready one and renames it to its own name. A rename is a fraction of a creation wherever
/// creating is costly: a cgroup (the kernel makes every control file of every controller) or a
/// file on ext4 (allocating an inode took 130-400 µs of CPU on this host's disk, a rename 25).
///
/// A spare is `<prefix><n>`. `make` makes one whole or not at all, and `remove` removes one (or
/// what a killed agent left of one, found by `leftovers` when the next agent starts). Each spare
/// is made under the pool's lock on the caller's thread, one per hold: no spare is being made
/// once `close` has run, so none is left behind. A launch never waits for that lock: while a
/// spare is being made (milliseconds on a slow filesystem) it makes its own, as without spares.
final class SparePool: Sendable {
    struct Kind: Sendable {
        var make: @Sendable (String) -> Bool
        var remove: @Sendable (String) -> Void
    }

    private let prefix: String
    /// Enough for launches that come one at a time; a burst falls back to making its own.
    private let count: Int
    private let kind: Kind
    private let state = Mutex(State())

    private struct State {
        var ready: [String] = []
        var made = 0
        var closed = false

        mutating func nextName(_ prefix: String) -> String {
            made += 1
            return prefix + String(made)
        }
    }

    /// Removes the spares among `leftovers` (names, some of them perhaps not spares) that a
    /// killed agent left.
    init(prefix: String, count: Int, leftovers: [String], kind: Kind) {
        self.prefix = prefix
        self.count = count
        self.kind = kind
        for name in leftovers where name.hasPrefix(prefix) { kind.remove(name) }
    }

    /// A ready spare's name, now the caller's to rename (or to `putBack`); nil when none is ready
    /// or one is being made.
    func take() -> String? {
        state.withLockIfAvailable { $0.ready.popLast() } ?? nil
    }

    /// A spare taken but not used: ready again (removed when the pool has closed meanwhile, or is
    /// making one).
    func putBack(_ name: String) {
        let kept = state.withLockIfAvailable { state in
            guard !state.closed else { return false }
            state.ready.append(name)
            return true
        }
        if kept != true { kind.remove(name) }
    }

    /// Takes in something no longer needed as a spare, when the pool has room: `move` makes it
    /// one under the name it is given. False when there was no room, the pool was making a spare,
    /// or `move` failed. There is room for twice `count`: a launch takes spares, the pool makes
    /// up for them, and the task's end gives as many back, so after a few tasks none is made.
    func adopt(_ move: (String) -> Bool) -> Bool {
        state.withLockIfAvailable { state in
            guard !state.closed, state.ready.count < 2 * count else { return false }
            let name = state.nextName(prefix)
            guard move(name) else { return false }
            state.ready.append(name)
            return true
        } ?? false
    }

    /// Makes spares until enough are ready (none once closed), one per hold of the lock.
    func replenish() {
        while true {
            let made = state.withLock { state -> Bool in
                guard !state.closed, state.ready.count < count else { return false }
                let name = state.nextName(prefix)
                guard kind.make(name) else { return false }  // tried again after the next launch
                state.ready.append(name)
                return true
            }
            if !made { return }
        }
    }

    /// No spare is made from now on, and those ready are removed.
    func close() {
        state.withLock { state in
            state.closed = true
            for name in state.ready { kind.remove(name) }
            state.ready = []
        }
    }
}
