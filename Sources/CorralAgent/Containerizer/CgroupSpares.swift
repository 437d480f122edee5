import Glibc
import Synchronization

/// Empty cgroups made ahead of launches: a launch renames one to its container's name in each
/// hierarchy instead of making its cgroups there. Here three renames take about 40 µs and three
/// cgroup mkdirs about 120 µs (the kernel creates every control file of every controller), a
/// tenth of a launch's own work. The agent makes them once a launch is answered, while its task
/// runs.
///
/// A spare is `spare-<n>` in every hierarchy, and always empty: nothing joins a cgroup before
/// it has its container's name. Spares a killed agent left are removed when the next one starts;
/// `close` removes the rest. Everything happens under one lock, on the caller's thread: no
/// spare is being made while `close` runs, so none is left behind.
final class CgroupSpares: Sendable {
    private static let prefix = "spare-"
    /// Enough for launches that come one at a time; a burst falls back to mkdir.
    private static let count = 2

    private let hierarchies: [CgroupDirectory]
    private let state = Mutex(State())

    private struct State {
        var ready: [String] = []
        var made = 0
        var closed = false
    }

    init(hierarchies: [CgroupDirectory]) {
        self.hierarchies = hierarchies
        for root in hierarchies {
            for child in root.children where child.path.split(separator: "/").last?.hasPrefix(Self.prefix) == true { rmdir(child.path) }
        }
    }

    /// Renames a ready spare to `id` in every hierarchy; false when none is ready. A hierarchy
    /// where the rename fails gets the cgroup made there instead, as without spares.
    func take(as id: String) throws(ContainerizerError) -> Bool {
        guard let spare = state.withLock({ $0.ready.popLast() }) else { return false }
        for root in hierarchies where rename(root.child(spare).path, root.child(id).path) != 0 {
            rmdir(root.child(spare).path)
            try root.child(id).create()
        }
        return true
    }

    /// Makes spares until enough are ready (none once closed).
    func replenish() {
        state.withLock { state in
            while !state.closed, state.ready.count < Self.count {
                state.made += 1
                let name = Self.prefix + String(state.made)
                guard make(name) else { return }  // tried again after the next launch
                state.ready.append(name)
            }
        }
    }

    /// No spare is made from now on, and those made are removed.
    func close() {
        state.withLock { state in
            state.closed = true
            for name in state.ready {
                for root in hierarchies { rmdir(root.child(name).path) }
            }
            state.ready = []
        }
    }

    /// Makes the spare in every hierarchy, or in none.
    private func make(_ name: String) -> Bool {
        for (index, root) in hierarchies.enumerated() where mkdir(root.child(name).path, 0o755) != 0 {
            for made in hierarchies.prefix(index) { rmdir(made.child(name).path) }
            return false
        }
        return true
    }
}
