import AsyncHTTPClient
import ConsoleCore
import CorralConsole
import CorralModel
import CorralOperatorClient
import CorralSDKHTTP
import CorralTaskOutput

/// A master over HTTP (Corral's or Apache Mesos's): the operator API's GET_STATE and SUBSCRIBE,
/// the SDK's HTTP transport, and the agents' files API. The operator API carries no usage and
/// no offers, so those panes stay quiet against a remote master.
public struct RemoteSource: ClusterSource {
    public let master: MasterAddress
    public let operators: OperatorClient
    public let credential: Credential?
    let client: HTTPClient
    /// One reader for the session: it learns each agent's address once, where a reader made
    /// for each refresh would ask the master again every second.
    public let sandboxes: any SandboxReader

    /// `credentialToAgents`: whether the agents get `credential` too (see `RemoteSandboxReader`).
    public init(master: MasterAddress, credential: Credential? = nil, credentialToAgents: Bool = false, client: HTTPClient = .shared) {
        self.master = master
        self.credential = credential
        self.client = client
        operators = OperatorClient(master: master, credential: credential, client: client)
        sandboxes = RemoteSandboxReader(master: master, client: client, credential: credential, credentialToAgents: credentialToAgents)
    }

    public func events() async throws -> AsyncThrowingStream<ClusterEvent, any Error> {
        let info = try await operators.snapshot(now: SystemClock().now.wall).masterInfo
        return try await operators.events(masterInfo: info, now: { SystemClock().now.wall })
    }

    public func snapshot() async throws -> ClusterSnapshot { try await operators.snapshot(now: SystemClock().now.wall) }

    public var transport: HTTPSchedulerTransport { HTTPSchedulerTransport(master: master, credential: credential, client: client) }

    /// Corral's `/corral/v1/explain`; a master without it (Apache Mesos) answers 404, and the
    /// view says that this master gives no reasons.
    public func explain(_ subject: WhySubject) async -> Why {
        let answer: OperatorClient.Explanation
        do {
            switch subject {
            case .framework(let id): answer = try await operators.explain(frameworkID: id)
            case .offer(let id): answer = try await operators.explain(offerID: id)
            case .app(let id), .job(let id): return .unavailable("Services and Jobs explain \(id) themselves; the master is not asked.")
            }
        } catch {
            return .unavailable("The master at \(master) did not answer: \(error)")
        }
        switch answer {
        case .framework(let standing): return .framework(standing)
        case .offer(let explanation): return .offer(explanation.offer, explanation.reason)
        case .notFound(let message): return .unavailable(message)
        case .unsupported:
            return .unavailable("The master at \(master) gives no reasons: only a Corral master explains its allocator (Apache Mesos has no such endpoint).")
        }
    }
}
