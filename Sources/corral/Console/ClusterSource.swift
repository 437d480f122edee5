import AsyncHTTPClient
import CorralCluster
import CorralModel
import CorralSDK

/// Where the console's picture of the cluster comes from, how its launches and kills travel, and
/// how it reads task output: the cluster in this process, or a master over HTTP. The console
/// itself cannot tell the two apart.
protocol ClusterSource: Sendable {
    associatedtype Transport: SchedulerTransport
    /// Events from now on; subscribe before taking the first snapshot.
    func events() async throws -> AsyncThrowingStream<ClusterEvent, any Error>
    func snapshot() async throws -> ClusterSnapshot
    var transport: Transport { get }
    var sandboxes: any SandboxReader { get }
}

/// The embedded cluster: the master actor's own stream and snapshots.
struct EmbeddedSource: ClusterSource {
    let cluster: EmbeddedCluster

    func events() async throws -> AsyncThrowingStream<ClusterEvent, any Error> {
        let events = await cluster.master.events()
        let (stream, sink) = AsyncThrowingStream.makeStream(of: ClusterEvent.self)
        let relay = Task {
            for await event in events { sink.yield(event) }
            sink.finish()
        }
        sink.onTermination = { _ in relay.cancel() }
        return stream
    }

    func snapshot() async throws -> ClusterSnapshot { await cluster.master.snapshot() }

    var transport: InProcessTransport { cluster.transport }
    var sandboxes: any SandboxReader { LocalSandboxReader(cluster: cluster) }
}

/// A master over HTTP (Corral's or Apache Mesos's): the operator API's GET_STATE and SUBSCRIBE,
/// the SDK's HTTP transport, and the agents' files API. The operator API carries no usage and
/// no offers, so those panes stay quiet against a remote master.
struct RemoteSource: ClusterSource {
    let master: MasterAddress
    let operators: OperatorClient
    let credential: Credential?
    let client: HTTPClient

    init(master: MasterAddress, credential: Credential? = nil, client: HTTPClient = .shared) {
        self.master = master
        self.credential = credential
        self.client = client
        operators = OperatorClient(master: master, credential: credential, client: client)
    }

    func events() async throws -> AsyncThrowingStream<ClusterEvent, any Error> {
        let info = try await operators.snapshot(now: SystemClock().now.wall).masterInfo
        return try await operators.events(masterInfo: info, now: { SystemClock().now.wall })
    }

    func snapshot() async throws -> ClusterSnapshot { try await operators.snapshot(now: SystemClock().now.wall) }

    var transport: HTTPSchedulerTransport { HTTPSchedulerTransport(master: master, credential: credential, client: client) }
    var sandboxes: any SandboxReader { RemoteSandboxReader(master: master, client: client, credential: credential) }
}

import CorralOperatorClient
import CorralSDKHTTP
