import Dispatch
import Glibc
import Synchronization

/// Empty cgroups made ahead of launches, off their path: a launch renames one to its
/// container's name in each hierarchy instead of making its cgroups there. Here three renames
/// take about 40 µs and three cgroup mkdirs about 120 µs (the kernel creates every control file
/// of every controller), a tenth of a launch's own work.
///
/// A spare is `spare-<n>` in every hierarchy, and always empty: nothing joins a cgroup before
/// it has its container's name. Spares a killed agent left are removed when the next one starts;
/// `close` removes the rest.
final class CgroupSpares: Sendable {
    private static let prefix = "spare-"
    /// Enough for launches that come one at a time; a burst falls back to mkdir.
    private static let count = 2

    private let hierarchies: [CgroupDirectory]
    /// Spares are made one at a time, in order, here; `close` waits for the one being made.
    private let queue = DispatchQueue(label: "corral.cgroup-spares")
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

    /// Makes spares until enough are ready, on the spares' own queue.
    func replenish() {
        queue.async { [self] in
            while let name = state.withLock({ state -> String? in
                guard !state.closed, state.ready.count < Self.count else { return nil }
                state.made += 1
                return Self.prefix + String(state.made)
            }) {
                guard make(name) else { return }  // tried again after the next launch
                state.withLock { $0.ready.append(name) }
            }
        }
    }

    /// No spare is made from now on, and those made are removed.
    func close() {
        state.withLock { $0.closed = true }
        queue.sync {}
        let left = state.withLock { state in
            defer { state.ready = [] }
            return state.ready
        }
        for name in left {
            for root in hierarchies { rmdir(root.child(name).path) }
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
