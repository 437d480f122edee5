import CorralMaster
import CorralModel
import Foundation
import HTTPTypes
import Hummingbird

/// `POST /api/v1/scheduler`: Mesos's v1 scheduler API. SUBSCRIBE answers with a chunked stream of
/// RecordIO events (and heartbeats) and a `Mesos-Stream-Id`; every other call answers 202.
struct SchedulerEndpoint: Sendable {
    let master: Master
    let streams: SchedulerStreams
    let heartbeatInterval: Double
    let bodyLimit: Int

    static let streamIDField = HTTPField.Name("Mesos-Stream-Id")!

    func respond(to request: Request) async throws(HTTPProblem) -> Response {
        guard request.method == .post else {
            throw HTTPProblem(.methodNotAllowed, "Expecting a 'POST' request, received '\(request.method)'", headers: [.allow: "POST"])
        }
        try request.requireJSONContentType()
        var request = request
        let body = try await request.body(upTo: bodyLimit)
        let message: SchedulerCallMessage
        do {
            message = try MesosJSON.decode(SchedulerCallMessage.self, from: body)
        } catch {
            throw HTTPProblem(.badRequest, "Failed to parse the call: \(error)")
        }
        switch message.body {
        case .subscribe(let info, let suppressedRoles):
            return try await subscribe(info, suppressedRoles: suppressedRoles, frameworkID: message.frameworkID, request: request)
        case .call(let call):
            try await perform(call, frameworkID: message.frameworkID, request: request)
            return .empty(.accepted)
        }
    }

    private func subscribe(_ info: FrameworkInfo, suppressedRoles: [String], frameworkID: FrameworkID?, request: Request) async throws(HTTPProblem) -> Response {
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
        let events = await master.subscribe(info, suppressedRoles: suppressedRoles)
        let streams = self.streams
        let heartbeat = heartbeatInterval
        let body = ResponseBody { writer in
            let (output, sink) = AsyncStream.makeStream(of: SchedulerEvent.self)
            var subscribed: FrameworkID?
            defer { if let subscribed { streams.release(subscribed, streamID: streamID) } }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await event in events { sink.yield(event) }
                    sink.finish()
                }
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: .seconds(heartbeat))
                        sink.yield(.heartbeat)
                    }
                }
                // A write fails when the framework goes away; leaving ends the master's stream.
                for await event in output {
                    if case .subscribed(let id, _, _) = event {
                        streams.bind(id, to: streamID)
                        subscribed = id
                    }
                    try await writer.write(ByteBuffer(bytes: RecordIO.frame(MesosJSON.encode(event))))
                }
                group.cancelAll()
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "application/json", Self.streamIDField: streamID, .cacheControl: "no-cache"],
            body: body)
    }

    private func perform(_ call: SchedulerCall, frameworkID: FrameworkID?, request: Request) async throws(HTTPProblem) {
        guard let frameworkID else {
            throw HTTPProblem(.badRequest, "Expecting 'framework_id' to be present for \(call.typeName)")
        }
        guard let given = request.headers[Self.streamIDField] else {
            throw HTTPProblem(.badRequest, "All non-subscribe calls should include the 'Mesos-Stream-Id' header")
        }
        if let expected = streams.streamID(of: frameworkID), expected != given {
            throw HTTPProblem(.badRequest, "The stream ID '\(given)' included in this request didn't match the stream ID currently associated with framework ID \(frameworkID)")
        }
        do {
            try await master.call(call, from: frameworkID)
        } catch {
            switch error {
            case .unknownFramework: throw HTTPProblem(.badRequest, error.description)
            case .frameworkNotSubscribed: throw HTTPProblem(.forbidden, error.description)
            case .unknownAgent: throw HTTPProblem(.badRequest, error.description)
            }
        }
    }
}
