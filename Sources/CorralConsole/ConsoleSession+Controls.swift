import CorralModel
import Synchronization

extension ConsoleSession {
    /// What the async side needs to know of the terminal side's wishes.
    public final class Controls: Sendable {
        private struct State {
            var refreshInterval: Double
            var followed: (key: TaskKey, agentID: AgentID)?
        }
        private let state: Mutex<State>

        public init(refreshInterval: Double) { state = Mutex(State(refreshInterval: refreshInterval)) }

        public var refreshInterval: Double {
            get { state.withLock { $0.refreshInterval } }
            set { state.withLock { $0.refreshInterval = newValue } }
        }

        /// The task whose sandbox the details view shows, if any.
        public var followed: (key: TaskKey, agentID: AgentID)? {
            get { state.withLock { $0.followed } }
            set { state.withLock { $0.followed = newValue } }
        }
    }
}
