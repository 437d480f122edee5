import CorralModel
import Synchronization

/// Where the master's registry lives (`--registry sqlite|in-memory`). `apply` returns only once
/// the changes are durable, all or none of them: the master acts on a change only after that.
public protocol MasterRegistry: Sendable {
    /// What the registry holds now; a new registry starts with a fresh cluster ID.
    func recover() throws -> RegistryState
    func apply(_ changes: [RegistryChange]) throws
}

/// A registry that lives as long as the process: for tests, and `--registry in-memory`, with
/// which a restarted master starts a new cluster.
public final class InMemoryRegistry: MasterRegistry {
    private let state: Mutex<RegistryState>

    public init(_ state: RegistryState) {
        self.state = Mutex(state)
    }

    public convenience init(clusterID: String) {
        self.init(RegistryState(clusterID: clusterID))
    }

    public func recover() -> RegistryState { state.withLock { $0 } }

    public func apply(_ changes: [RegistryChange]) {
        state.withLock { state in
            for change in changes { state.apply(change) }
        }
    }
}
