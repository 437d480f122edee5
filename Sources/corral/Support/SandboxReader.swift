import AsyncHTTPClient
import CorralCluster
import CorralMesosJSON
import CorralModel
import CorralSDKHTTP
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// Where a task's stdout and stderr can be read: the local sandbox of an embedded cluster, or
/// the agent's files API when the agent is another process.
protocol SandboxReader: Sendable {
    /// The bytes of the file from `offset` on (at most a megabyte); nil when it cannot be read.
    func read(_ key: TaskKey, on agentID: AgentID, stderr: Bool, from offset: Int) async -> [UInt8]?
}

/// Sandboxes of agents in this process.
struct LocalSandboxReader: SandboxReader {
    let cluster: EmbeddedCluster

    func read(_ key: TaskKey, on agentID: AgentID, stderr: Bool, from offset: Int) async -> [UInt8]? {
        guard let sandbox = await cluster.sandbox(of: key, on: agentID) else { return nil }
        let file = open(stderr ? sandbox.stderrPath : sandbox.stdoutPath, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var bytes = [UInt8](repeating: 0, count: 1 << 20)
        let count = bytes.withUnsafeMutableBytes { pread(file, $0.baseAddress, $0.count, off_t(offset)) }
        return count < 0 ? nil : Array(bytes[..<count])
    }
}

/// Sandboxes of agents reached over HTTP: `/files/read` on the agent, found through the
/// master's `/master/slaves`.
struct RemoteSandboxReader: SandboxReader {
    let master: MasterAddress
    let client: HTTPClient
    /// Presented to the master and the agents, which may authenticate their read-only endpoints.
    var credential: Credential?

    func read(_ key: TaskKey, on agentID: AgentID, stderr: Bool, from offset: Int) async -> [UInt8]? {
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

extension String {
    /// Percent-encodes everything but unreserved characters and '/'.
    var addingPercentEncodingForQuery: String {
        var result = ""
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "/"):
                result.append(Character(UnicodeScalar(byte)))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return result
    }

    fileprivate func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
