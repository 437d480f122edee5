import CorralModel

/// Reliable delivery of an agent's status updates, as Mesos's status update manager does it:
/// per task, updates wait in order and only the oldest is in flight; it is re-sent with backoff
/// until the framework's acknowledgement (its uuid) comes back, and then the next one goes.
///
/// A value: it returns the updates to send and leaves sending to the agent.
struct StatusUpdateManager: Sendable {
    struct Stream: Sendable {
        var pending: [StatusUpdate] = []
        var lastSent: Time?
        var backoff: Double
    }

    let initialBackoff: Double
    let maxBackoff: Double
    private(set) var streams: [TaskKey: Stream] = [:]

    init(initialBackoff: Double = 10, maxBackoff: Double = 600) {
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }

    /// Queues an update; returns it when it should go out now (nothing else was in flight).
    mutating func enqueue(_ update: StatusUpdate, now: Time) -> StatusUpdate? {
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

    mutating func acknowledge(_ key: TaskKey, uuid: [UInt8], now: Time) -> Acknowledged {
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

    /// Updates in flight for longer than their backoff: send them again (the backoff doubles).
    mutating func due(now: Time) -> [StatusUpdate] {
        var resend: [StatusUpdate] = []
        for key in streams.keys.sorted() {
            guard var stream = streams[key], let head = stream.pending.first, let sent = stream.lastSent,
                now - sent >= stream.backoff
            else { continue }
            stream.lastSent = now
            stream.backoff = min(stream.backoff * 2, maxBackoff)
            streams[key] = stream
            resend.append(head)
        }
        return resend
    }

    /// Every update of the framework's tasks is dropped (the framework was torn down).
    mutating func forget(frameworkID: FrameworkID) {
        streams = streams.filter { $0.key.frameworkID != frameworkID }
    }

    func hasPending(_ key: TaskKey) -> Bool { !(streams[key]?.pending.isEmpty ?? true) }
}
