import AsyncHTTPClient
import CorralMesosJSON
import CorralModel
import CorralSDKHTTP
import Logging
import NIOCore

/// A client of a master's v1 operator API (Corral's, or an Apache Mesos master's): the state as
/// a `ClusterSnapshot`, and the SUBSCRIBE stream as `ClusterEvent`s. What a remote console reads.
public struct OperatorClient: Sendable {
    public let master: MasterAddress
    let client: HTTPClient
    /// Presented as HTTP Basic, to a master that authenticates its operator API.
    public let credential: Credential?

    public init(master: MasterAddress, credential: Credential? = nil, client: HTTPClient = .shared) {
        self.master = master
        self.credential = credential
        self.client = client
    }

    /// GET_MASTER then GET_STATE. Dominant shares, which the operator API does not carry, are
    /// worked out from what each framework uses (offers and usage stay empty).
    public func snapshot(now: Time) async throws -> ClusterSnapshot {
        let masterJSON = try MesosJSON.parse(try await call(.getMaster))
        let description = try masterJSON.object().required("get_master") { $0 }
        let masterInfo: MasterInfo = try description.required("master_info")
        // master.proto's GetMaster.start_time: seconds since the epoch, as a double.
        let startedAt = Time(seconds: (try? description.optional("start_time", as: Double.self)) ?? 0)
        var snapshot = try ClusterSnapshot(operatorState: try MesosJSON.parse(try await call(.getState)), time: now, masterInfo: masterInfo, startedAt: startedAt)
        var total = Resources()
        for agent in snapshot.agents { total += agent.total }
        for index in snapshot.frameworks.indices where snapshot.frameworks[index].dominantShare == 0 {
            let used = snapshot.frameworks[index].used
            snapshot.frameworks[index].dominantShare = max(
                total.cpus > 0 ? used.cpus / total.cpus : 0, total.mem > 0 ? used.mem / total.mem : 0)
        }
        return snapshot
    }

    /// The cluster's events from now on (SUBSCRIBE), until the connection ends.
    public func events(masterInfo: MasterInfo, now: @escaping @Sendable () -> Time) async throws -> AsyncThrowingStream<ClusterEvent, any Error> {
        let response = try await client.execute(request(.subscribe), deadline: .now() + .seconds(10))
        guard response.status == .ok else {
            throw SchedulerHTTPError(status: Int(response.status.code), message: await HTTPSchedulerTransport.text(of: response))
        }
        let reader = RecordReader(body: response.body)
        let (events, sink) = AsyncThrowingStream.makeStream(of: ClusterEvent.self)
        let relay = Task {
            var silence = 45.0
            do {
                while let record = try await reader.next(timeout: silence) {
                    switch try OperatorEvent(operatorJSON: MesosJSON.parse(record), receivedAt: now(), masterInfo: masterInfo) {
                    case .event(let event): sink.yield(event)
                    case .subscribed(_, let interval): silence = max(1, (interval ?? 15) * 3)
                    case .heartbeat, .unrecognized: break
                    }
                }
                sink.finish()
            } catch {
                sink.finish(throwing: error)
            }
        }
        sink.onTermination = { _ in relay.cancel() }
        return events
    }

    /// Every task the master lists (GET_TASKS): those that run, are unreachable or ended lately.
    public func tasks() async throws -> [TaskRecord] {
        let answer = try MesosJSON.parse(try await call(.getTasks)).object()
        return try answer.required("get_tasks") { tasks throws(MesosJSONError) in
            try tasks.repeated("tasks", of: TaskRecord.self) + tasks.repeated("unreachable_tasks", of: TaskRecord.self)
                + tasks.repeated("completed_tasks", of: TaskRecord.self)
        }
    }

    /// Asks the master to kill a task (Corral's KILL_TASK; see `OperatorCall.killTask`). Throws
    /// `SchedulerHTTPError` with the master's answer when it does not take the call: 404 for a
    /// task it does not know, 409 for one that has ended, 400 from a master that has no such
    /// call (Apache Mesos's).
    public func killTask(_ key: TaskKey) async throws {
        _ = try await call(.killTask(key))
    }

    private func call(_ call: OperatorCall) async throws -> [UInt8] {
        let response = try await client.execute(request(call), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 512 << 20)
        guard response.status == .ok else { throw SchedulerHTTPError(status: Int(response.status.code), message: String(buffer: body)) }
        return Array(body.readableBytesView)
    }

    private func request(_ call: OperatorCall) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: master.url("/api/v1"))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        if let credential { request.headers.add(name: "Authorization", value: credential.basicAuthorization) }
        request.body = .bytes(ByteBuffer(bytes: MesosJSON.encode(call)))
        return request
    }
}

extension OperatorClient {
    /// A master's answer to Corral's `/corral/v1/explain`.
    public enum Explanation: Sendable {
        case framework(FrameworkStanding)
        case offer(OfferExplanation)
        /// The master has no such framework or outstanding offer (its message).
        case notFound(String)
        /// The master has no such endpoint: Apache Mesos.
        case unsupported
    }

    public func explain(frameworkID: FrameworkID) async throws -> Explanation {
        let (status, body) = try await explain(query: "framework_id=" + frameworkID.value.addingPercentEncodingForQuery)
        return try status == 200 ? .framework(MesosJSON.decode(FrameworkStanding.self, from: body)) : Self.refusal(status, body)
    }

    public func explain(offerID: OfferID) async throws -> Explanation {
        let (status, body) = try await explain(query: "offer_id=" + offerID.value.addingPercentEncodingForQuery)
        return try status == 200 ? .offer(MesosJSON.decode(OfferExplanation.self, from: body)) : Self.refusal(status, body)
    }

    static func refusal(_ status: Int, _ body: [UInt8]) throws -> Explanation {
        // A Corral master's 404 names what it does not know; any other master's is a page
        // about a path it has never heard of.
        let text = String(decoding: body.prefix(400), as: UTF8.self)
        guard status == 404 else { throw SchedulerHTTPError(status: status, message: text) }
        return text.contains("(framework_id)") || text.contains("(offer_id)") ? .notFound(text) : .unsupported
    }

    private func explain(query: String) async throws -> (status: Int, body: [UInt8]) {
        var request = HTTPClientRequest(url: master.url("/corral/v1/explain?" + query))
        request.headers.add(name: "Accept", value: "application/json")
        if let credential { request.headers.add(name: "Authorization", value: credential.basicAuthorization) }
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 4 << 20)
        return (Int(response.status.code), Array(body.readableBytesView))
    }
}
