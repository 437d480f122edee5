import Hummingbird

/// A streaming answer of RecordIO records (chunked, JSON), with a heartbeat record whenever
/// `heartbeatInterval` passes. It ends when `records` ends or the client goes away (a write
/// fails); `onEnd` runs either way.
func eventStreamResponse(
    first: [UInt8]? = nil, records: AsyncStream<[UInt8]>, heartbeat: [UInt8], heartbeatInterval: Double,
    headers: HTTPFields = [:], onEnd: @escaping @Sendable () async -> Void = {}
) -> Response {
    var fields = headers
    fields[.contentType] = "application/json"
    fields[.cacheControl] = "no-cache"
    let body = ResponseBody { writer in
        do {
            if let first { try await writer.write(ByteBuffer(bytes: RecordIO.frame(first))) }
            let (output, sink) = AsyncStream.makeStream(of: [UInt8].self)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await record in records { sink.yield(record) }
                    sink.finish()
                }
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: .clampedSeconds(heartbeatInterval))
                        sink.yield(heartbeat)
                    }
                }
                for await record in output { try await writer.write(ByteBuffer(bytes: RecordIO.frame(record))) }
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
