import AsyncHTTPClient
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

    public init(master: MasterAddress, credential: Credential? = nil, client: HTTPClient = .shared) {
        self.master = master
        self.credential = credential
        self.client = client
        operators = OperatorClient(master: master, credential: credential, client: client)
        sandboxes = RemoteSandboxReader(master: master, client: client, credential: credential)
    }

    public func events() async throws -> AsyncThrowingStream<ClusterEvent, any Error> {
        let info = try await operators.snapshot(now: SystemClock().now.wall).masterInfo
        return try await operators.events(masterInfo: info, now: { SystemClock().now.wall })
    }

    public func snapshot() async throws -> ClusterSnapshot { try await operators.snapshot(now: SystemClock().now.wall) }

    public var transport: HTTPSchedulerTransport { HTTPSchedulerTransport(master: master, credential: credential, client: client) }
}
