import NIOConcurrencyHelpers
import NIOCore

/// The heartbeats of the agent streams a master holds: one timer per event loop beats every
/// stream on that loop. A timer per stream put ten thousand tasks in the loops' schedules after a
/// failover, and NIO finds a cancelled task by a walk over its loop's schedule: every
/// registration's read deadline, cancelled once the request is in, paid for the whole cluster.
final class AgentHeartbeats: Sendable {
    private let interval: TimeAmount
    private let loops = NIOLockedValueBox<[ObjectIdentifier: NIOLoopBoundBox<Beat>]>([:])

    /// One loop's streams and its timer, touched on that loop only.
    private final class Beat {
        var streams: [ObjectIdentifier: AgentStreamHandler] = [:]
        var timer: RepeatedTask?
    }

    init(interval: TimeAmount) {
        self.interval = interval
    }

    /// `stream` hears a heartbeat at every beat of its loop (the first within one interval)
    /// until it is removed. On `loop`.
    func add(_ stream: AgentStreamHandler, on loop: any EventLoop) {
        let beat = self.beat(of: loop)
        beat.value.streams[ObjectIdentifier(stream)] = stream
        guard beat.value.timer == nil else { return }
        beat.value.timer = loop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
            // The streams as they were: one that ends while it is beaten removes itself.
            for stream in beat.value.streams.values { stream.heartbeatDue() }
        }
    }

    /// The loop's timer stops with its last stream, so that a server that stopped leaves none.
    func remove(_ stream: AgentStreamHandler, on loop: any EventLoop) {
        let beat = self.beat(of: loop)
        beat.value.streams[ObjectIdentifier(stream)] = nil
        guard beat.value.streams.isEmpty else { return }
        beat.value.timer?.cancel()
        beat.value.timer = nil
    }

    private func beat(of loop: any EventLoop) -> NIOLoopBoundBox<Beat> {
        loops.withLockedValue { beats in
            if let beat = beats[ObjectIdentifier(loop)] { return beat }
            let beat = NIOLoopBoundBox(Beat(), eventLoop: loop)
            beats[ObjectIdentifier(loop)] = beat
            return beat
        }
    }
}
