import CorralHTTPServer
import CorralModel
import Synchronization

/// Which event stream each subscribed framework owns. Every call after SUBSCRIBE must carry the
/// stream's id in `Mesos-Stream-Id`; a framework that re-subscribes gets a new id, and calls with
/// the old one are refused.
final class SchedulerStreams: Sendable {
    private let streams = Mutex<[FrameworkID: String]>([:])

    func bind(_ frameworkID: FrameworkID, to streamID: String) {
        streams.withLock { $0[frameworkID] = streamID }
    }

    /// Forgets the binding if it is still this stream's (a newer subscription keeps its own).
    func release(_ frameworkID: FrameworkID, streamID: String) {
        streams.withLock { if $0[frameworkID] == streamID { $0[frameworkID] = nil } }
    }

    func streamID(of frameworkID: FrameworkID) -> String? {
        streams.withLock { $0[frameworkID] }
    }
}
