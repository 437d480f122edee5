import CorralAllocator
import CorralHTTPServer
import CorralMaster
import CorralMesosJSON
import CorralModel
import Hummingbird
import NIOCore

/// `POST /api/v1` (and `/api/v1/operator`): Mesos's v1 operator API. Synchronous calls answer
/// 200 with JSON; SUBSCRIBE streams SUBSCRIBED (with the whole state) and then the cluster's
/// events, RecordIO framed, with heartbeats.
struct OperatorEndpoint: Sendable {
    let master: Master
    let acls: ACLs
    let heartbeatInterval: Double
    let bodyLimit: Int

    /// Answers `principal`'s call (nil when the request was not authenticated); what it may not
    /// do is a 403, what it may not see is left out.
    func respond(to request: Request, principal: String?, connectionClosed: EventLoopFuture<Void>? = nil) async throws(HTTPProblem) -> Response {
        let call = try await request.decodeOperatorCall(OperatorCall.self, bodyLimit: bodyLimit)
        let who = principal.map { "Principal '\($0)'" } ?? "An anonymous caller"
        switch call {
        case .subscribe:
            return await subscribe(view: ClusterView(acls: acls, principal: principal), connectionClosed: connectionClosed)
        case .teardown(let frameworkID):
            guard let owner = await master.frameworkPrincipal(frameworkID) else {
                throw HTTPProblem(.badRequest, "Framework \(frameworkID) is not known to the master")
            }
            guard acls.allows(.teardownFrameworks, principal: principal, object: owner ?? "") else {
                throw HTTPProblem(.forbidden, "\(who) may not tear down framework \(frameworkID) of principal '\(owner ?? "")'")
            }
            guard await master.teardown(frameworkID) else { throw HTTPProblem(.badRequest, "Framework \(frameworkID) is not known to the master") }
            return .empty(.ok)
        case .killTask(let key):
            return try await killTask(key, principal: principal)
        case .markAgentGone(let agentID):
            guard await master.markAgentGone(agentID) else { throw HTTPProblem(.notFound, "Agent \(agentID) is not known to the master") }
            return .empty(.ok)
        case .updateWeights(let weights):
            let refused = weights.map(\.role).filter { !acls.allows(.updateWeights, principal: principal, object: $0) }
            guard refused.isEmpty else {
                throw HTTPProblem(.forbidden, "\(who) may not update the weight of role(s) \(refused.map { "'\($0)'" }.joined(separator: ", "))")
            }
            for weight in weights { await master.setWeight(weight.weight, forRole: weight.role) }
            return .empty(.ok)
        case .updateQuota(let configs):
            let refused = configs.map(\.role).filter { !acls.allows(.updateQuotas, principal: principal, object: $0) }
            guard refused.isEmpty else {
                throw HTTPProblem(.forbidden, "\(who) may not update the quota of role(s) \(refused.map { "'\($0)'" }.joined(separator: ", "))")
            }
            for config in configs {
                // Mesos's rule: a config with neither guarantees nor limits removes the quota.
                let quota = config.guarantees.isEmpty && config.limits.isEmpty
                    ? nil : RoleQuota(guarantee: config.guarantees, limit: config.limits.isEmpty ? nil : config.limits)
                await master.setQuota(quota, forRole: config.role)
            }
            return .empty(.ok)
        default:
            var view = ClusterView(acls: acls, principal: principal)
            let snapshot = view.filter(await master.snapshot(ordered: false))
            guard let json = OperatorJSON.response(to: call, snapshot: snapshot, master: Self.description(of: snapshot)) else {
                throw HTTPProblem(.badRequest, "\(call.typeName) is not supported by Corral")
            }
            return .json(json)
        }
    }

    /// KILL_TASK, Corral's own call. Killing a framework's task is a part of tearing the
    /// framework down: `teardown_frameworks` decides who may.
    private func killTask(_ key: TaskKey, principal: String?) async throws(HTTPProblem) -> Response {
        let task = "Task '\(key.taskID)' of framework \(key.frameworkID)"
        guard let owner = await master.frameworkPrincipal(key.frameworkID) else {
            throw HTTPProblem(.notFound, "\(task) is not known to the master: it knows no such framework")
        }
        guard acls.allows(.teardownFrameworks, principal: principal, object: owner ?? "") else {
            let who = principal.map { "Principal '\($0)'" } ?? "An anonymous caller"
            throw HTTPProblem(.forbidden, "\(who) may not kill the tasks of framework \(key.frameworkID) of principal '\(owner ?? "")'")
        }
        switch await master.killTask(key) {
        case .killing:
            return .empty(.ok)
        case .ended(let state):
            throw HTTPProblem(.conflict, "\(task) has already ended (\(state.rawValue))")
        case .agentDisconnected(let agentID):
            throw HTTPProblem(.serviceUnavailable, "\(task) runs on agent \(agentID), which is not connected: the kill cannot reach it now")
        case .unknown:
            throw HTTPProblem(.notFound, "\(task) is not known to the master")
        }
    }

    private func subscribe(view: ClusterView, connectionClosed: EventLoopFuture<Void>?) async -> Response {
        // Events first, then the state: nothing falls between the two.
        var view = view
        let events = await master.events()
        let snapshot = view.filter(await master.snapshot(ordered: false))
        let master = Self.description(of: snapshot)
        let (records, sink) = EventStreamSink.make()
        let relay = Task { [view] in
            var view = view
            for await event in events where view.admits(event) {
                if let json = OperatorJSON.event(event, master: master) { sink.send(json) }
            }
            sink.finish()
        }
        return eventStreamResponse(
            first: OperatorJSON.subscribed(snapshot, master: master, heartbeatIntervalSeconds: heartbeatInterval),
            records: records, sink: sink, heartbeat: OperatorJSON.heartbeat(), heartbeatInterval: heartbeatInterval, connectionClosed: connectionClosed,
            onEnd: { relay.cancel() })
    }

    static func description(of snapshot: ClusterSnapshot) -> MasterDescription {
        var description = MasterDescription(masterInfo: snapshot.masterInfo)
        description.electedAt = snapshot.startedAt
        return description
    }
}
