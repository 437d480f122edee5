import CorralModel

/// The allocator's reasons with the names a person reads: framework names and agent hostnames.
extension MasterCore {
    /// Where the framework stands with the allocator now, or nil when the master does not know it.
    public func standing(of frameworkID: FrameworkID, now: ClusterInstant) -> FrameworkStanding? {
        guard let record = frameworks[frameworkID], var standing = allocator.standing(of: frameworkID, now: now) else { return nil }
        standing.name = record.info.name
        standing.next = standing.next.map(named)
        standing.filters = standing.filters.map { filter in
            var filter = filter
            filter.hostname = agents[filter.agentID]?.info.hostname ?? ""
            return filter
        }
        standing.active = standing.active && record.connected
        standing.outstandingOffers = record.offers.count
        return standing
    }

    /// Why an outstanding offer went to its framework, or nil when it is not outstanding.
    public func reason(forOffer offerID: OfferID) -> (offer: Offer, reason: OfferReason)? {
        guard let record = offers[offerID] else { return nil }
        var reason = record.reason
        reason.frameworkOrder = reason.frameworkOrder.map(named)
        reason.passedOver = reason.passedOver.map { PassedOver(framework: named($0.framework), reason: $0.reason) }
        return (record.offer, reason)
    }

    /// A framework's standing with its name, when the master knows it.
    private func named(_ standing: ShareStanding) -> ShareStanding {
        var named = standing
        named.name = frameworks[FrameworkID(standing.id)]?.info.name
        return named
    }
}
