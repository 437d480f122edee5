import CorralHTTPServer
import CorralMaster
import CorralMesosJSON
import CorralModel
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// `POST /api/v1/scheduler`: Mesos's v1 scheduler API. SUBSCRIBE answers with a chunked stream of
/// RecordIO events (and heartbeats) and a `Mesos-Stream-Id`; every other call answers 202.
struct SchedulerEndpoint: Sendable {
    let master: Master
    let streams: SchedulerStreams
    let heartbeatInterval: Double
    let bodyLimit: Int

    static let streamIDField = HTTPField.Name("Mesos-Stream-Id")!

    /// `principal` is the one the request authenticated as (nil when frameworks are not
    /// authenticated): a subscription is bound to it, and calls must come from it. `peer` is
    /// the client's address, the hostname of a framework that names none; its stream ends when
    /// `connectionClosed` completes.
    func respond(
        to request: Request, principal: String?, peer: String? = nil, connectionClosed: EventLoopFuture<Void>? = nil
    ) async throws(HTTPProblem) -> Response {
        var request = request
        let message = try await request.decodeCall(SchedulerCallMessage.self, named: "call", bodyLimit: bodyLimit)
        switch message.body {
        case .subscribe(var info, let suppressedRoles):
            if let principal {
                if let claimed = info.principal, claimed != principal {
                    throw HTTPProblem(.badRequest, "'framework_info.principal' ('\(claimed)') differs from the authenticated principal ('\(principal)')")
                }
                info.principal = principal
            }
            return try await subscribe(
                info, suppressedRoles: suppressedRoles, frameworkID: message.frameworkID, request: request, peer: peer, connectionClosed: connectionClosed)
        case .call(let call):
            try await perform(call, frameworkID: message.frameworkID, principal: principal, request: request)
            return .empty(.accepted)
        }
    }

    private func subscribe(
        _ info: FrameworkInfo, suppressedRoles: [String], frameworkID: FrameworkID?, request: Request, peer: String?, connectionClosed: EventLoopFuture<Void>?
    ) async throws(HTTPProblem) -> Response {
        if request.headers[Self.streamIDField] != nil {
            throw HTTPProblem(.badRequest, "Expecting 'Mesos-Stream-Id' to be absent for SUBSCRIBE")
        }
        guard request.acceptsJSON else {
            throw HTTPProblem(.notAcceptable, "Expecting 'Accept' to allow application/json")
        }
        if let frameworkID, frameworkID != info.id {
            throw HTTPProblem(.badRequest, "'framework_id' (\(frameworkID)) differs from 'subscribe.framework_info.id' (\(info.id?.value ?? "none"))")
        }
        let streamID = UUID().uuidString.lowercased()
        let events = await master.subscribe(info, suppressedRoles: suppressedRoles, from: peer)
        // SUBSCRIBED names the framework; its stream is bound to it from then on.
        let streams = self.streams
        let subscribed = Subscription()
        let (records, sink) = EventStreamSink.make()
        let relay = Task {
            for await event in events {
                if case .subscribed(let id, _, _) = event {
                    streams.bind(id, to: streamID)
                    subscribed.set(id)
                }
                sink.send(MesosJSON.encode(event))
            }
            sink.finish()
        }
        return eventStreamResponse(
            records: records, sink: sink, heartbeat: MesosJSON.encode(SchedulerEvent.heartbeat), heartbeatInterval: heartbeatInterval,
            headers: [Self.streamIDField: streamID], connectionClosed: connectionClosed,
            onEnd: {
                // Leaving ends the master's stream: the framework is disconnected.
                relay.cancel()
                if let id = subscribed.value { streams.release(id, streamID: streamID) }
            })
    }

    private func perform(_ call: SchedulerCall, frameworkID: FrameworkID?, principal: String?, request: Request) async throws(HTTPProblem) {
        guard let frameworkID else {
            throw HTTPProblem(.badRequest, "Expecting 'framework_id' to be present for \(call.typeName)")
        }
        // Whose framework it is comes first: another principal learns nothing from the answer.
        if let principal, case .some(.some(let owner)) = await master.frameworkPrincipal(frameworkID), owner != principal {
            throw HTTPProblem(.forbidden, MasterError.wrongPrincipal(frameworkID, principal: principal).description)
        }
        guard let given = request.headers[Self.streamIDField] else {
            throw HTTPProblem(.badRequest, "All non-subscribe calls should include the 'Mesos-Stream-Id' header")
        }
        if let expected = streams.streamID(of: frameworkID), expected != given {
            throw HTTPProblem(.badRequest, "The stream ID '\(given)' included in this request didn't match the stream ID currently associated with framework ID \(frameworkID)")
        }
        do {
            try await master.call(call, from: frameworkID, principal: principal)
        } catch {
            switch error {
            case .unknownFramework: throw HTTPProblem(.badRequest, error.description)
            case .frameworkNotSubscribed, .wrongPrincipal: throw HTTPProblem(.forbidden, error.description)
            case .unknownAgent: throw HTTPProblem(.badRequest, error.description)
            }
        }
    }
}

/// The framework a stream turned out to be for (known once SUBSCRIBED passed).
final class Subscription: Sendable {
    private let id = Mutex<FrameworkID?>(nil)
    var value: FrameworkID? { id.withLock { $0 } }
    func set(_ value: FrameworkID) { id.withLock { $0 = value } }
}
