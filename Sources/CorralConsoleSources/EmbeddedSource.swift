import ConsoleCore
import CorralCluster
import CorralConsole
import CorralModel
import CorralTaskOutput

/// The embedded cluster: the master actor's own stream and snapshots.
public struct EmbeddedSource: ClusterSource {
    public let cluster: EmbeddedCluster

    public init(cluster: EmbeddedCluster) { self.cluster = cluster }

    public func events() async throws -> AsyncThrowingStream<ClusterEvent, any Error> {
        let events = await cluster.master.events()
        let (stream, sink) = AsyncThrowingStream.makeStream(of: ClusterEvent.self)
        let relay = Task {
            for await event in events { sink.yield(event) }
            sink.finish()
        }
        sink.onTermination = { _ in relay.cancel() }
        return stream
    }

    public func snapshot() async throws -> ClusterSnapshot { await cluster.master.snapshot() }

    public var transport: InProcessTransport { cluster.transport }
    public var sandboxes: any SandboxReader { LocalSandboxReader(cluster: cluster) }

    public func explain(_ subject: WhySubject) async -> Why {
        switch subject {
        case .framework(let id):
            guard let standing = await cluster.master.standing(of: id) else { return .unavailable("The master no longer knows framework \(id).") }
            return .framework(standing)
        case .app(let id), .job(let id):
            return .unavailable("Services and Jobs explain \(id) themselves; the master is not asked.")
        case .offer(let id):
            guard let (offer, reason) = await cluster.master.reason(forOffer: id) else {
                return .unavailable("Offer \(id) is no longer outstanding: it was accepted, declined, rescinded or expired.")
            }
            return .offer(offer, reason)
        }
    }
}
