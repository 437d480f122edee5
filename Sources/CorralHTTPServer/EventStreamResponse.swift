import CorralModel
import CorralSDKHTTP
import Hummingbird
import ServiceLifecycle

/// How many records may wait for a slow reader of an event stream before it is disconnected.
package let eventStreamBacklogLimit = 10_000

/// A streaming answer of RecordIO records (chunked, JSON), with a heartbeat record whenever
/// `heartbeatInterval` passes. It ends when `records` ends or the client goes away (a write
/// fails), or when the server shuts down gracefully (a stream would keep it waiting forever);
/// `onEnd` runs either way.
///
/// A client that stops reading must not make the server buffer without bound: once
/// `backlogLimit` records wait for it, the stream ends, as Mesos drops a subscriber that falls
/// behind. It has missed events, so it must subscribe again (and reconcile) anyway.
package func eventStreamResponse(
    first: [UInt8]? = nil, records: AsyncStream<[UInt8]>, heartbeat: [UInt8], heartbeatInterval: Double,
    headers: HTTPFields = [:], backlogLimit: Int = eventStreamBacklogLimit, onEnd: @escaping @Sendable () async -> Void = {}
) -> Response {
    var fields = headers
    fields[.contentType] = "application/json"
    fields[.cacheControl] = "no-cache"
    let body = ResponseBody { writer in
        do {
            if let first { try await writer.write(ByteBuffer(bytes: RecordIO.frame(first))) }
            let (output, sink) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .bufferingOldest(max(1, backlogLimit)))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await record in records {
                        if case .dropped = sink.yield(record) { break }  // fallen behind: end it
                    }
                    sink.finish()
                }
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: .clampedSeconds(heartbeatInterval))
                        if case .dropped = sink.yield(heartbeat) { sink.finish() }
                    }
                }
                try await withGracefulShutdownHandler {
                    for await record in output { try await writer.write(ByteBuffer(bytes: RecordIO.frame(record))) }
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
