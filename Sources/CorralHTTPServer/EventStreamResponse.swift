import CorralModel
import CorralSDKHTTP
import Hummingbird
import NIOCore
import ServiceLifecycle

/// How many records may wait for a slow reader of an event stream before it is disconnected.
package let eventStreamBacklogLimit = 10_000

/// Where a stream's producer puts its records (JSON, framed on the way out). It holds at most
/// `backlogLimit` unsent records: one more ends the stream, as Mesos drops a subscriber that
/// falls behind. Such a reader has missed events, so it must subscribe again (and reconcile)
/// anyway, and the server never buffers without bound for it.
package struct EventStreamSink: Sendable {
    fileprivate let continuation: AsyncStream<[UInt8]>.Continuation

    /// A stream and the sink that feeds it; hand both to `eventStreamResponse`.
    package static func make(backlogLimit: Int = eventStreamBacklogLimit) -> (records: AsyncStream<[UInt8]>, sink: EventStreamSink) {
        let (records, continuation) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .bufferingOldest(max(1, backlogLimit)))
        return (records, EventStreamSink(continuation: continuation))
    }

    package func send(_ record: [UInt8]) {
        if case .dropped = continuation.yield(record) { continuation.finish() }
    }

    /// Ends the stream once what was sent before has been written.
    package func finish() { continuation.finish() }
}

/// A streaming answer of RecordIO records (chunked, JSON; or as `frame` frames each record, in
/// `contentType`, for server-sent events): `first`, then what is sent to
/// `sink`, with a heartbeat record whenever `heartbeatInterval` passes. It ends when the sink is
/// finished, when the client goes away (`connectionClosed` completes, or a write fails), or when
/// the server shuts down gracefully (a stream would keep it waiting forever); `onEnd` runs
/// either way. Without `connectionClosed`, a client that went away was noticed only when a
/// heartbeat failed to reach it.
///
/// Producers write into the stream the response reads, with no relay between them: an agent's
/// or a framework's connection costs one task (the heartbeat's) beside the response's own, which
/// shows when ten thousand agents come back at once after a failover.
package func eventStreamResponse(
    first: [UInt8]? = nil, records: AsyncStream<[UInt8]>, sink: EventStreamSink, heartbeat: [UInt8], heartbeatInterval: Double,
    headers: HTTPFields = [:], contentType: String = "application/json", frame: @escaping @Sendable ([UInt8]) -> [UInt8] = RecordIO.frame,
    connectionClosed: EventLoopFuture<Void>? = nil, onEnd: @escaping @Sendable () async -> Void = {}
) -> Response {
    var fields = headers
    fields[.contentType] = contentType
    fields[.cacheControl] = "no-cache"
    let body = ResponseBody { writer in
        connectionClosed?.whenComplete { _ in sink.finish() }
        do {
            if let first { try await writer.write(ByteBuffer(bytes: frame(first))) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: .clampedSeconds(heartbeatInterval))
                        sink.send(heartbeat)
                    }
                }
                try await withGracefulShutdownHandler {
                    for await record in records { try await writer.write(ByteBuffer(bytes: frame(record))) }
                } onGracefulShutdown: {
                    sink.finish()
                }
                group.cancelAll()
            }
            try await writer.finish(nil)
        } catch {
            await onEnd()
            throw error
        }
        await onEnd()
    }
    return Response(status: .ok, headers: fields, body: body)
}
