/// Orders clients (roles, or the frameworks of one role) by weighted dominant share, lowest
/// first: the next offer goes to the front. Ties go to the client added first, so the order is
/// fully determined by the history of calls.
///
/// A client's share is `max over resources of allocated / total`, divided by its weight.
/// The order is kept sorted incrementally: one allocation moves one client.
struct DRFSorter: Sendable {
    struct Client: Sendable {
        var allocation = ScalarVector()
        var weight = 1.0
        var share = 0.0
        /// Position in the tie-break: the order clients were added.
        var sequence: Int
    }

    private(set) var clients: [Int: Client] = [:]
    /// Client ids sorted by (share, sequence).
    private(set) var order: [Int] = []
    /// The (share, sequence) of each id of `order`, at the same index: the binary searches read
    /// these instead of looking a client up by id at every step (a hash per step, twice per
    /// allocation, was a tenth of an allocation cycle).
    private var orderKeys: [OrderKey] = []
    private(set) var totals = ScalarVector()
    private var nextSequence = 0

    var isEmpty: Bool { clients.isEmpty }

    func contains(_ id: Int) -> Bool { clients[id] != nil }

    func share(of id: Int) -> Double { clients[id]?.share ?? 0 }

    func allocation(of id: Int) -> ScalarVector { clients[id]?.allocation ?? ScalarVector() }

    mutating func add(_ id: Int, weight: Double = 1) {
        guard clients[id] == nil else { return }
        clients[id] = Client(weight: weight, sequence: nextSequence)
        nextSequence += 1
        insertInOrder(id)
    }

    mutating func remove(_ id: Int) {
        guard clients[id] != nil else { return }
        removeFromOrder(id)
        clients[id] = nil
    }

    mutating func allocated(_ id: Int, _ quantities: ScalarVector) {
        update(id) { $0.allocation += quantities }
    }

    mutating func unallocated(_ id: Int, _ quantities: ScalarVector) {
        update(id) { $0.allocation -= quantities }
    }

    mutating func setWeight(_ id: Int, _ weight: Double) {
        update(id) { $0.weight = weight }
    }

    /// New cluster totals change every share: recompute and re-sort everything.
    mutating func setTotals(_ totals: ScalarVector) {
        self.totals = totals
        for id in clients.keys { clients[id]!.share = computeShare(clients[id]!) }
        let clients = self.clients
        order.sort { (clients[$0]!.share, clients[$0]!.sequence) < (clients[$1]!.share, clients[$1]!.sequence) }
        orderKeys = order.map { key(of: $0) }
    }

    private mutating func update(_ id: Int, _ change: (inout Client) -> Void) {
        guard var client = clients[id] else { return }
        removeFromOrder(id)
        change(&client)
        client.share = computeShare(client)
        clients[id] = client
        insertInOrder(id)
    }

    private func computeShare(_ client: Client) -> Double {
        client.allocation.dominantShare(of: totals) / Swift.max(client.weight, .leastNonzeroMagnitude)
    }

    private func key(of id: Int) -> OrderKey {
        let client = clients[id]!
        return OrderKey(share: client.share, sequence: client.sequence)
    }

    /// The index of the first client whose key is not below `key`.
    private func position(of key: OrderKey) -> Int {
        var low = 0
        var high = orderKeys.count
        while low < high {
            let middle = (low + high) / 2
            if orderKeys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private mutating func insertInOrder(_ id: Int) {
        let key = key(of: id)
        let index = position(of: key)
        order.insert(id, at: index)
        orderKeys.insert(key, at: index)
    }

    private mutating func removeFromOrder(_ id: Int) {
        let index = position(of: key(of: id))
        if index < order.count, order[index] == id {
            order.remove(at: index)
            orderKeys.remove(at: index)
        } else if let index = order.firstIndex(of: id) {
            order.remove(at: index)  // only if a share changed behind our back; keeps the order sound
            orderKeys.remove(at: index)
        }
    }
}

extension DRFSorter {
    /// Where a client sorts: by weighted share, then by when it was added.
    struct OrderKey: Comparable, Sendable {
        var share: Double
        var sequence: Int

        static func < (lhs: OrderKey, rhs: OrderKey) -> Bool { (lhs.share, lhs.sequence) < (rhs.share, rhs.sequence) }
    }
}
