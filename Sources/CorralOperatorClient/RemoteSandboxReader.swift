import AsyncHTTPClient
import CorralMesosJSON
import CorralModel
import CorralSDKHTTP
import CorralTaskOutput
import NIOCore

/// Sandboxes of agents reached over HTTP: `/files/read` on the agent, found through the
/// master's `/master/slaves`.
public struct RemoteSandboxReader: SandboxReader {
    public let master: MasterAddress
    let client: HTTPClient
    /// Presented to the master and the agents, which may authenticate their read-only endpoints.
    public var credential: Credential?

    public init(master: MasterAddress, client: HTTPClient = .shared, credential: Credential? = nil) {
        self.master = master
        self.client = client
        self.credential = credential
    }

    public func read(_ key: TaskKey, on agentID: AgentID, stderr: Bool, from offset: Int) async -> [UInt8]? {
        guard let agent = await address(of: agentID) else { return nil }
        let path = "/frameworks/\(key.frameworkID)/tasks/\(key.taskID)/\(stderr ? "stderr" : "stdout")"
        let query = "path=\(path.addingPercentEncodingForQuery)&offset=\(offset)&length=1048576"
        guard let body = await get(agent.url("/files/read?\(query)")),
            let object = try? MesosJSON.parse(body).object(),
            let data: String = try? object.required("data")
        else { return nil }
        return Array(data.utf8)
    }

    private func address(of agentID: AgentID) async -> MasterAddress? {
        guard let body = await get(master.url("/master/slaves")),
            let slaves = try? MesosJSON.parse(body).object()["slaves"]?.array()
        else { return nil }
        for slave in slaves {
            guard let object = try? slave.object(), (try? object.required("id", as: String.self)) == agentID.value,
                let hostname: String = try? object.required("hostname"), let port: Int = try? object.required("port")
            else { continue }
            // Agents of a master on TLS serve their files on TLS too.
            return MasterAddress(host: hostname, port: port, secure: master.secure)
        }
        return nil
    }

    private func get(_ url: String) async -> [UInt8]? {
        var request = HTTPClientRequest(url: url)
        if let credential { request.headers.add(name: "Authorization", value: credential.basicAuthorization) }
        guard let response = try? await client.execute(request, timeout: .seconds(10)),
            response.status == .ok, let buffer = try? await response.body.collect(upTo: 8 << 20)
        else { return nil }
        return Array(buffer.readableBytesView)
    }
}
