import CorralModel

/// Reliable delivery of an agent's status updates, as Mesos's status update manager does it:
/// per task, updates wait in order and only the oldest is in flight; it is re-sent with backoff
/// until the framework's acknowledgement (its uuid) comes back, and then the next one goes.
///
/// A value: it returns the updates to send and leaves sending to the agent.
struct StatusUpdateManager: Sendable {
    struct Stream: Sendable {
        var pending: [StatusUpdate] = []
        var lastSent: ClusterInstant?
        var backoff: Duration
    }

    let initialBackoff: Duration
    let maxBackoff: Duration
    private(set) var streams: [TaskKey: Stream] = [:]

    init(initialBackoff: Duration = .seconds(10), maxBackoff: Duration = .seconds(600)) {
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }

    /// Queues an update; returns it when it should go out now (nothing else was in flight).
    mutating func enqueue(_ update: StatusUpdate, now: ClusterInstant) -> StatusUpdate? {
        let key = TaskKey(update.frameworkID, update.status.taskID)
        var stream = streams[key] ?? Stream(backoff: initialBackoff)
        stream.pending.append(update)
        defer { streams[key] = stream }
        guard stream.pending.count == 1 else { return nil }
        stream.lastSent = now
        return update
    }

    enum Acknowledged: Equatable {
        /// The update was in flight; `next` goes out now; `terminal` tells whether the
        /// acknowledged update ended the task (its stream is then closed).
        case accepted(next: StatusUpdate?, terminal: Bool)
        /// Not the update in flight (a duplicate or stale ack): nothing changes.
        case ignored
    }

    mutating func acknowledge(_ key: TaskKey, uuid: [UInt8], now: ClusterInstant) -> Acknowledged {
        guard var stream = streams[key], let head = stream.pending.first, head.status.uuid == uuid else { return .ignored }
        stream.pending.removeFirst()
        stream.backoff = initialBackoff
        let terminal = head.status.state.isTerminal
        if stream.pending.isEmpty {
            streams[key] = nil
            return .accepted(next: nil, terminal: terminal)
        }
        stream.lastSent = now
        streams[key] = stream
        return .accepted(next: stream.pending.first, terminal: terminal)
    }

    /// Updates in flight for longer than their backoff, and those never sent (recovered from a
    /// checkpoint): send them again (the backoff doubles).
    mutating func due(now: ClusterInstant) -> [StatusUpdate] {
        var resend: [StatusUpdate] = []
        for key in streams.keys.sorted() {
            guard var stream = streams[key], let head = stream.pending.first,
                stream.lastSent.map({ now - $0 >= stream.backoff }) ?? true
            else { continue }
            stream.lastSent = now
            stream.backoff = min(stream.backoff * 2, maxBackoff)
            streams[key] = stream
            resend.append(head)
        }
        return resend
    }

    /// The agent is registered again (its link came back, or it restarted): every update in
    /// flight goes again now, with the backoff starting over.
    mutating func resendAll(now: ClusterInstant) -> [StatusUpdate] {
        var resend: [StatusUpdate] = []
        for key in streams.keys.sorted() {
            guard var stream = streams[key], let head = stream.pending.first else { continue }
            stream.lastSent = now
            stream.backoff = initialBackoff
            streams[key] = stream
            resend.append(head)
        }
        return resend
    }

    /// A task's updates read back from its checkpoint, still to be acknowledged, oldest first.
    /// The first goes out when the agent registers (`resendAll`).
    mutating func restore(_ key: TaskKey, pending: [StatusUpdate]) {
        guard !pending.isEmpty else { return }
        streams[key] = Stream(pending: pending, lastSent: nil, backoff: initialBackoff)
    }

    /// When the next re-send is due, if any update is in flight.
    var nextDeadline: ClusterInstant? {
        streams.values.compactMap { stream in stream.lastSent.map { $0 + stream.backoff } }.min()
    }

    /// Every update of the framework's tasks is dropped (the framework was torn down).
    mutating func forget(frameworkID: FrameworkID) {
        streams = streams.filter { $0.key.frameworkID != frameworkID }
    }

    func hasPending(_ key: TaskKey) -> Bool { !(streams[key]?.pending.isEmpty ?? true) }

    var isEmpty: Bool { streams.isEmpty }
}
