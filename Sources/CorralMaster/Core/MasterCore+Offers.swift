import CorralModel

extension MasterCore {
    /// Runs the allocator and turns what it hands out into offers, one message per framework.
    mutating func allocate(allAgents: Bool, now: ClusterInstant, into actions: inout [MasterAction]) {
        allocationCycles += 1
        let allocations = allocator.allocate(now: now, random: &random, allAgents: allAgents)
        guard !allocations.isEmpty else { return }
        var byFramework: [FrameworkID: [Offer]] = [:]
        var order: [FrameworkID] = []
        for allocation in allocations {
            guard let agent = agents[allocation.agentID] else { continue }
            let offer = Offer(
                id: makeOfferID(), frameworkID: allocation.frameworkID, agentID: allocation.agentID,
                hostname: agent.info.hostname, role: allocation.role, resources: allocation.resources,
                attributes: agent.info.attributes)
            offers[offer.id] = OfferRecord(offer: offer, createdAt: now, reason: allocation.reason)
            if let timeout = configuration.offerTimeout { offerTimeoutFloor.lower(to: now + timeout) }
            frameworks[allocation.frameworkID]?.offers.insert(offer.id)
            agents[allocation.agentID]?.offers.insert(offer.id)
            offersMade += 1
            if byFramework[allocation.frameworkID] == nil { order.append(allocation.frameworkID) }
            byFramework[allocation.frameworkID, default: []].append(offer)
            actions.append(.publish(.offerMade(offer)))
        }
        for frameworkID in order { actions.append(.send(frameworkID, .offers(byFramework[frameworkID]!))) }
    }

    mutating func decline(_ offerIDs: [OfferID], filters: Filters, from frameworkID: FrameworkID, now: ClusterInstant, into actions: inout [MasterAction]) {
        for offerID in offerIDs {
            guard let record = offers[offerID], record.offer.frameworkID == frameworkID else { continue }
            removeOffer(offerID, recover: true, declinedWith: filters, now: now)
            actions.append(.publish(.offerDeclined(offerID, frameworkID: frameworkID, agentID: record.offer.agentID)))
        }
        requestAllocation(into: &actions)
    }

    /// Takes an offer back from its framework (timeout, agent gone, framework disconnected).
    mutating func rescind(_ offerID: OfferID, reason: String, now: ClusterInstant, into actions: inout [MasterAction]) {
        guard let record = offers[offerID] else { return }
        removeOffer(offerID, recover: true, now: now)
        actions.append(.send(record.offer.frameworkID, .rescind(offerID)))
        actions.append(.publish(.offerRescinded(offerID, frameworkID: record.offer.frameworkID, agentID: record.offer.agentID, reason: reason)))
        requestAllocation(into: &actions)
    }

    /// Rescinds offers outstanding for the timeout, and makes the floor exact again from the
    /// same walk (it is not walked at all before the floor has passed).
    mutating func expireOffers(now: ClusterInstant, into actions: inout [MasterAction]) {
        guard let timeout = configuration.offerTimeout, offerTimeoutFloor.hasPassed(now) else { return }
        var expired: [OfferID] = []
        offerTimeoutFloor = DeadlineFloor()
        for record in offers.values {
            if now - record.createdAt >= timeout {
                expired.append(record.offer.id)
            } else {
                offerTimeoutFloor.lower(to: record.createdAt + timeout)
            }
        }
        for offerID in expired.sorted() { rescind(offerID, reason: "offer timeout", now: now, into: &actions) }
    }

    /// Forgets an offer; with `recover` its resources go back to the allocator. `declinedWith`
    /// is the filter of a framework that declined it, which then names the decline.
    mutating func removeOffer(_ offerID: OfferID, recover: Bool, declinedWith filters: Filters? = nil, now: ClusterInstant) {
        guard let record = offers.removeValue(forKey: offerID) else { return }
        frameworks[record.offer.frameworkID]?.offers.remove(offerID)
        agents[record.offer.agentID]?.offers.remove(offerID)
        if recover {
            allocator.recover(
                record.offer.resources, of: record.offer.frameworkID, on: record.offer.agentID, filters: filters,
                origin: filters.map { FilterOrigin(.decline, of: offerID, refuseSeconds: $0.refuseSeconds) }, now: now)
        }
    }
}
