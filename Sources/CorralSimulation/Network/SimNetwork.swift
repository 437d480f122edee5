import CorralMaster
import CorralModel

/// The simulated network's state: which connections are open, which nodes are cut off from
/// the master and until when, and the last delivery time of each stream (streams keep order).
struct SimNetwork {
    struct Link {
        var client: NodeID
        var open = true
        var lastDelivery: Time
    }

    var links: [ConnectionID: Link] = [:]
    /// Nodes partitioned from the master (the master itself is never in here).
    var partitioned: Set<NodeID> = []
    var faultsOn = true
    private var nextConnection: UInt64 = 1

    mutating func openConnection(for client: NodeID, now: Time) -> ConnectionID {
        defer { nextConnection += 1 }
        let id = ConnectionID(nextConnection)
        links[id] = Link(client: client, lastDelivery: now)
        return id
    }

    func isOpen(_ connection: ConnectionID) -> Bool { links[connection]?.open == true }

    /// Whether messages between the two nodes get through at all.
    func reachable(_ a: NodeID, _ b: NodeID) -> Bool { !partitioned.contains(a) && !partitioned.contains(b) }

    /// Marks a connection closed; true when it was open (its ends must be told).
    mutating func close(_ connection: ConnectionID) -> Bool {
        guard links[connection]?.open == true else { return false }
        links[connection]?.open = false
        return true
    }

    /// Open connections whose client is `node`.
    func connections(of node: NodeID) -> [ConnectionID] {
        links.filter { $0.value.open && $0.value.client == node }.map(\.key).sorted { $0.value < $1.value }
    }

    var openConnections: [ConnectionID] { links.filter(\.value.open).map(\.key).sorted { $0.value < $1.value } }

    /// A delivery time on a stream: after its latency, and never before the stream's last one.
    mutating func streamDelivery(on connection: ConnectionID, at time: Time) -> Time {
        let last = links[connection]?.lastDelivery ?? time
        let at = max(time, last + 0.000_001)
        links[connection]?.lastDelivery = at
        return at
    }
}
