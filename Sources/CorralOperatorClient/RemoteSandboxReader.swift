import AsyncHTTPClient
import CorralMesosJSON
import CorralModel
import CorralSDKHTTP
import CorralTaskOutput
import NIOCore

/// Sandboxes of agents reached over HTTP: `/files/read` on the agent, found through the
/// master's `/master/slaves` (once per agent: copies of a reader share what they learned).
///
/// Each read asks the file's size first (`offset=-1`), then for exactly the bytes up to it, and
/// counts the length asked for as read. The answer's `data` holds the file's bytes as they are
/// (Mesos's agents and Corral's send them so, and they are read back so), but an older Corral
/// agent sent U+FFFD for each byte that is not UTF-8: its length says nothing of the file's.
public struct RemoteSandboxReader: SandboxReader {
    public let master: MasterAddress
    let client: HTTPClient
    /// Presented to the master; to the agents only with `credentialToAgents`.
    public var credential: Credential?
    /// Whether agents get `credential` too (`--agent-credentials`), for agents that authenticate
    /// their read-only endpoints. An agent is read where it told the master it is: whoever can
    /// register one (anyone, where the master does not authenticate agents) could name a host
    /// of theirs and collect the operator's secret, so it goes only where the operator says.
    public var credentialToAgents: Bool
    private let book = AgentAddressBook()

    /// The most one read asks for, as the agents' own limit is larger.
    static let chunkLimit = 1 << 20

    public init(master: MasterAddress, client: HTTPClient = .shared, credential: Credential? = nil, credentialToAgents: Bool = false) {
        self.master = master
        self.client = client
        self.credential = credential
        self.credentialToAgents = credentialToAgents
    }

    public func read(_ key: TaskKey, on agentID: AgentID, stderr: Bool, from offset: Int) async -> SandboxChunk? {
        try? await fetch(key, on: agentID, stderr: stderr, from: offset).get()
    }

    /// The same read, saying why it failed when it did: what a command line tells its user.
    public func fetch(_ key: TaskKey, on agentID: AgentID, stderr: Bool, from offset: Int) async -> Result<SandboxChunk, SandboxReadError> {
        do throws(SandboxReadError) {
            let agent = try await entry(of: agentID)
            let layouts = agent.layout.map { [$0] } ?? SandboxLayout.allCases
            var missing: String?
            for layout in layouts {
                let path = layout.path(of: key, stderr: stderr)
                guard let size = try await size(of: path, agentID: agentID, at: agent.address) else {
                    missing = missing ?? path
                    continue
                }
                book.remember(layout, of: agentID)
                guard size > offset else { return .success(.end) }
                let length = min(size - offset, Self.chunkLimit)
                let data = try await data(of: path, from: offset, length: length, agentID: agentID, at: agent.address)
                // Nothing where the size said there was something: the file was cut short.
                return .success(data.isEmpty ? .end : SandboxChunk(bytes: data, length: length))
            }
            throw .noSuchFile(path: missing ?? "", agentID: agentID, at: agent.address)
        } catch {
            return .failure(error)
        }
    }

    /// The file's size; nil when the agent has no such file.
    private func size(of path: String, agentID: AgentID, at agent: MasterAddress) async throws(SandboxReadError) -> Int? {
        guard let (object, _) = try await files(path: path, query: "offset=-1", agentID: agentID, at: agent) else { return nil }
        guard let size = try? object.required("offset", as: Int.self), size >= 0 else {
            throw .malformedAnswer(from: agent, problem: "no size ('offset') in the answer to offset=-1")
        }
        return size
    }

    private func data(of path: String, from offset: Int, length: Int, agentID: AgentID, at agent: MasterAddress) async throws(SandboxReadError) -> [UInt8] {
        let answer = try await files(path: path, query: "offset=\(offset)&length=\(length)", agentID: agentID, at: agent)
        guard let answer else { throw .noSuchFile(path: path, agentID: agentID, at: agent) }
        guard let data = answer.data else { throw .malformedAnswer(from: agent, problem: "no 'data' string in the answer") }
        return data
    }

    /// `/files/read` on the agent: its JSON object with the bytes of its `data` as they were
    /// sent, or nil for a 404.
    private func files(
        path: String, query: String, agentID: AgentID, at agent: MasterAddress
    ) async throws(SandboxReadError) -> (object: MesosJSONObject, data: [UInt8]?)? {
        let answer: (status: Int, body: [UInt8])
        let presented = credentialToAgents ? credential : nil
        do {
            answer = try await get(agent.url("/files/read?path=\(path.addingPercentEncodingForQuery)&\(query)"), presenting: presented)
        } catch {
            book.forget(agentID)
            throw .agentUnreachable(agentID, at: agent, reason: describeConnectionFailure(error))
        }
        if answer.status == 404 { return nil }
        if answer.status == 401, credential != nil, presented == nil { throw .agentCredentialWithheld(agentID, at: agent) }
        guard answer.status == 200 else {
            throw .agentRefused(agentID, at: agent, status: answer.status, message: String(decoding: answer.body, as: UTF8.self))
        }
        do {
            let (document, data) = try MesosJSON.parse(answer.body, keepingBytesOf: "data")
            return (try document.object(), data)
        } catch {
            throw .malformedAnswer(from: agent, problem: "\(error)")
        }
    }

    private func entry(of agentID: AgentID) async throws(SandboxReadError) -> AgentAddressBook.Entry {
        if let known = book.entry(agentID) { return known }
        book.learn(try await listedAgents())
        guard let entry = book.entry(agentID) else { throw .agentNotListed(agentID, master: master) }
        return entry
    }

    /// Every agent `/master/slaves` lists, by ID.
    private func listedAgents() async throws(SandboxReadError) -> [AgentID: MasterAddress] {
        let answer: (status: Int, body: [UInt8])
        do { answer = try await get(master.url("/master/slaves"), presenting: credential) } catch {
            throw .masterUnreachable(master, reason: describeConnectionFailure(error))
        }
        guard answer.status == 200 else {
            throw .masterRefused(master, status: answer.status, message: String(decoding: answer.body, as: UTF8.self))
        }
        guard let slaves = try? MesosJSON.parse(answer.body).object()["slaves"]?.array() else {
            throw .malformedAnswer(from: master, problem: "no 'slaves' list in /master/slaves")
        }
        var addresses: [AgentID: MasterAddress] = [:]
        for slave in slaves {
            guard let object = try? slave.object(), let id: String = try? object.required("id"),
                let hostname: String = try? object.required("hostname"), let port: Int = try? object.required("port"),
                (1...65535).contains(port)
            else { continue }
            // Agents of a master on TLS serve their files on TLS too.
            addresses[AgentID(id)] = MasterAddress(host: hostname, port: port, secure: master.secure)
        }
        return addresses
    }

    private func get(_ url: String, presenting credential: Credential?) async throws -> (status: Int, body: [UInt8]) {
        var request = HTTPClientRequest(url: url)
        if let credential { request.headers.add(name: "Authorization", value: credential.basicAuthorization) }
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 8 << 20)
        return (Int(response.status.code), Array(body.readableBytesView))
    }
}
