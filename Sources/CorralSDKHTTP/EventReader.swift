import AsyncHTTPClient
import CorralMesosJSON
import CorralModel
import NIOCore

/// Reads Mesos-JSON records one by one from a streaming HTTP response body (RecordIO framed).
/// `next(timeout:)` gives up when the stream falls silent.
///
/// One consumer at a time (the registration, then the task that follows the stream): that is
/// the contract that makes the unchecked Sendable sound.
package final class EventReader<Event: StreamRecord>: @unchecked Sendable {
    private let relay: Task<Void, Never>
    private var iterator: AsyncThrowingStream<[UInt8], any Error>.AsyncIterator

    package init(body: HTTPClientResponse.Body) {
        let (records, sink) = AsyncThrowingStream.makeStream(of: [UInt8].self)
        iterator = records.makeAsyncIterator()
        relay = Task {
            var reader = RecordIOReader()
            do {
                for try await chunk in body {
                    for record in try reader.read(chunk.readableBytesView) { sink.yield(record) }
                }
                sink.finish()
            } catch {
                sink.finish(throwing: error)
            }
        }
    }

    deinit { relay.cancel() }

    /// The next event; nil when the stream ended.
    package func next() async throws -> Event? {
        guard let record = try await iterator.next() else { return nil }
        return try Event.decodeRecord(record)
    }

    /// The next event, or an error when none comes within `timeout` seconds.
    package func next(timeout: Double) async throws -> Event? {
        try await withThrowingTaskGroup(of: Event?.self) { group in
            group.addTask { try await self.next() }
            group.addTask {
                try await Task.sleep(for: .clampedSeconds(timeout))
                throw HTTPLinkError.timedOut
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }
}

/// What an event stream carries: decoded Mesos JSON, or the raw record bytes.
package protocol StreamRecord: Sendable {
    static func decodeRecord(_ bytes: [UInt8]) throws -> Self
}

extension SchedulerEvent: StreamRecord {
    package static func decodeRecord(_ bytes: [UInt8]) throws -> SchedulerEvent { try MesosJSON.decode(SchedulerEvent.self, from: bytes) }
}

extension AgentEvent: StreamRecord {
    package static func decodeRecord(_ bytes: [UInt8]) throws -> AgentEvent { try MesosJSON.decode(AgentEvent.self, from: bytes) }
}

extension Array: StreamRecord where Element == UInt8 {
    package static func decodeRecord(_ bytes: [UInt8]) throws -> [UInt8] { bytes }
}

package typealias RecordReader = EventReader<[UInt8]>
