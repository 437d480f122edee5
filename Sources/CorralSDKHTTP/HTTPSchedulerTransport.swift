import AsyncHTTPClient
import CorralMesosJSON
import CorralModel
import CorralSDK
import Logging
import NIOCore
import NIOSSL
import Synchronization

/// The SDK's transport over Mesos's v1 scheduler HTTP API: the same `Scheduler` code that runs
/// in process runs against a `corral master` or an Apache Mesos master. SUBSCRIBE holds a
/// streaming connection; calls go on other connections with the stream's `Mesos-Stream-Id`.
/// A stream that falls silent for three heartbeat intervals counts as lost, and the driver
/// re-subscribes with its framework ID.
public struct HTTPSchedulerTransport: SchedulerTransport {
    public let master: MasterAddress
    let client: HTTPClient
    let logger: Logger
    /// Presented as HTTP Basic on every request, and as the framework's principal, to a master
    /// that authenticates frameworks.
    public let credential: Credential?
    private let streamID = StreamIDBox()

    public init(
        master: MasterAddress, credential: Credential? = nil, client: HTTPClient = .shared,
        logger: Logger = Logger(label: "corral.sdk.http", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.master = master
        self.credential = credential
        self.client = client
        self.logger = logger
    }

    public var reconnects: Bool { true }

    public func subscribe(_ framework: FrameworkInfo, suppressedRoles: [String]) async throws -> AsyncThrowingStream<SchedulerEvent, any Error> {
        var framework = framework
        if framework.principal == nil { framework.principal = credential?.principal }
        let message = SchedulerCallMessage.subscribe(framework, suppressedRoles: suppressedRoles)
        var request = request(MesosJSON.encode(message))
        request.headers.add(name: "Accept", value: "application/json")
        // The deadline bounds the wait for the answer's head (a master that is down must not
        // keep the driver in the connection pool's own backoff); the stream itself runs on.
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, deadline: .now() + .seconds(10), logger: logger)
        } catch let error as NIOSSLError {
            // A certificate this client does not trust stays untrusted: asking again cannot help.
            throw SchedulerDriverError.refused("TLS with the master at \(master) failed: \(error); trust its certificate with --ca-file")
        }
        guard response.status == .ok else {
            let error = SchedulerHTTPError(status: Int(response.status.code), message: await Self.text(of: response))
            // Refused credentials, or a subscription the master calls invalid, stay refused.
            if [400, 401, 403].contains(error.status) { throw SchedulerDriverError.refused(error.description) }
            throw error
        }
        guard let id = response.headers.first(name: "Mesos-Stream-Id") else {
            throw SchedulerHTTPError(status: 200, message: "the master's SUBSCRIBE answer has no Mesos-Stream-Id")
        }
        streamID.set(id)
        let reader = EventReader<SchedulerEvent>(body: response.body)
        let (events, sink) = AsyncThrowingStream.makeStream(of: SchedulerEvent.self)
        let relay = Task {
            var silence = 45.0  // until SUBSCRIBED says the interval
            do {
                while let event = try await reader.next(timeout: silence) {
                    if case .subscribed(_, let interval, _) = event { silence = max(1, interval * 3) }
                    sink.yield(event)
                }
                sink.finish()
            } catch {
                sink.finish(throwing: error)
            }
        }
        sink.onTermination = { _ in relay.cancel() }
        return events
    }

    public func send(_ call: SchedulerCall, frameworkID: FrameworkID) async throws {
        var request = request(MesosJSON.encode(SchedulerCallMessage(frameworkID: frameworkID, call: call)))
        if let id = streamID.value { request.headers.add(name: "Mesos-Stream-Id", value: id) }
        let response = try await client.execute(request, timeout: .seconds(30), logger: logger)
        let text = await Self.text(of: response)
        guard (200..<300).contains(Int(response.status.code)) else {
            throw SchedulerHTTPError(status: Int(response.status.code), message: text)
        }
    }

    private func request(_ body: [UInt8]) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: master.url("/api/v1/scheduler"))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let credential { request.headers.add(name: "Authorization", value: credential.basicAuthorization) }
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }

    package static func text(of response: HTTPClientResponse) async -> String {
        (try? await response.body.collect(upTo: 1 << 20)).map { String(buffer: $0) } ?? ""
    }
}

/// The stream id of the current subscription, shared by the calls that follow it.
final class StreamIDBox: Sendable {
    private let id = Mutex<String?>(nil)
    var value: String? { id.withLock { $0 } }
    func set(_ value: String) { id.withLock { $0 = value } }
}

public struct SchedulerHTTPError: Error, CustomStringConvertible {
    public var status: Int
    public var message: String

    public init(status: Int, message: String) {
        self.status = status
        self.message = message
    }
    public var description: String {
        let answer = "the master answered \(status): \(message.trimmingCharacters(in: .whitespacesAndNewlines))"
        return status == 401 ? answer + " (give credentials: --principal and --secret-file)" : answer
    }
}

import Foundation
