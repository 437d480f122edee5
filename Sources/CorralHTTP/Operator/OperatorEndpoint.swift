import CorralMaster
import CorralModel
import Hummingbird

/// `POST /api/v1` (and `/api/v1/operator`): Mesos's v1 operator API. Synchronous calls answer
/// 200 with JSON; SUBSCRIBE streams SUBSCRIBED (with the whole state) and then the cluster's
/// events, RecordIO framed, with heartbeats.
struct OperatorEndpoint: Sendable {
    let master: Master
    let heartbeatInterval: Double
    let bodyLimit: Int

    func respond(to request: Request) async throws(HTTPProblem) -> Response {
        guard request.method == .post else {
            throw HTTPProblem(.methodNotAllowed, "Expecting a 'POST' request, received '\(request.method)'", headers: [.allow: "POST"])
        }
        try request.requireJSONContentType()
        guard request.acceptsJSON else { throw HTTPProblem(.notAcceptable, "Expecting 'Accept' to allow application/json") }
        var request = request
        let body = try await request.body(upTo: bodyLimit)
        let call: OperatorCall
        do {
            call = try MesosJSON.decode(OperatorCall.self, from: body)
        } catch {
            throw HTTPProblem(.badRequest, "Failed to parse the call: \(error)")
        }
        switch call {
        case .subscribe:
            return await subscribe()
        case .teardown(let frameworkID):
            guard await master.teardown(frameworkID) else { throw HTTPProblem(.badRequest, "Framework \(frameworkID) is not known to the master") }
            return .empty(.ok)
        case .updateWeights(let weights):
            for weight in weights { await master.setWeight(weight.weight, forRole: weight.role) }
            return .empty(.ok)
        default:
            let snapshot = await master.snapshot(ordered: false)
            guard let json = OperatorJSON.response(to: call, snapshot: snapshot, master: Self.description(of: snapshot)) else {
                throw HTTPProblem(.badRequest, "\(call.typeName) is not supported by Corral")
            }
            return .json(json)
        }
    }

    private func subscribe() async -> Response {
        // Events first, then the state: nothing falls between the two.
        let events = await master.events()
        let snapshot = await master.snapshot(ordered: false)
        let master = Self.description(of: snapshot)
        let heartbeat = heartbeatInterval
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(bytes: RecordIO.frame(OperatorJSON.subscribed(snapshot, master: master, heartbeatIntervalSeconds: heartbeat))))
            let (output, sink) = AsyncStream.makeStream(of: [UInt8].self)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await event in events {
                        if let json = OperatorJSON.event(event, master: master) { sink.yield(json) }
                    }
                    sink.finish()
                }
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: .seconds(heartbeat))
                        sink.yield(OperatorJSON.heartbeat())
                    }
                }
                for await record in output { try await writer.write(ByteBuffer(bytes: RecordIO.frame(record))) }
                group.cancelAll()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-cache"], body: body)
    }

    static func description(of snapshot: ClusterSnapshot) -> MasterDescription {
        var description = MasterDescription(masterInfo: snapshot.masterInfo)
        description.electedAt = snapshot.startedAt
        return description
    }
}
