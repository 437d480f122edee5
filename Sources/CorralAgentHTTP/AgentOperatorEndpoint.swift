import CorralHTTPServer
import CorralMesosJSON
import CorralModel
import Hummingbird

/// `POST /api/v1` on an agent: Mesos's agent operator API, the calls that read the agent
/// (`AgentOperatorCall`), each answered 200 with JSON. Requests are checked as the master's
/// operator API checks them (405, 400/415 Content-Type, 406 Accept, 413, 400 for a bad body
/// or a call type the agent does not answer, naming it).
struct AgentOperatorEndpoint: Sendable {
    let state: @Sendable () async -> AgentState?
    let acls: ACLs
    let bodyLimit: Int

    func respond(to request: Request, principal: String?) async throws(HTTPProblem) -> Response {
        let call = try await request.decodeOperatorCall(AgentOperatorCall.self, bodyLimit: bodyLimit)
        let state = ClusterView(acls: acls, principal: principal).filter(try await AgentStateEndpoints.current(self.state))
        return .json(AgentOperatorJSON.response(to: call, state: state))
    }
}
