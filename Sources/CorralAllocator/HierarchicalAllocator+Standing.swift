import CorralModel

/// The allocator's reasons as data: where a framework stands now, and why an offer went where it
/// did. Pure readings of the books; the master adds names and hostnames.
extension HierarchicalAllocator {
    /// Where the framework stands now, or nil when the allocator does not know it.
    public func standing(of frameworkID: FrameworkID, now: ClusterInstant) -> FrameworkStanding? {
        guard let slot = frameworkSlots[frameworkID], let framework = frameworks[slot] else { return nil }
        var allocation = ScalarVector()
        for role in roles where role.frameworks.contains(slot) { allocation += role.frameworks.allocation(of: slot) }
        let dominant = allocation.dominantIndex(of: totals)
        let next = nextOffer
        return FrameworkStanding(
            frameworkID: frameworkID, active: framework.active, dominantShare: allocation.dominantShare(of: totals),
            dominantResource: dominant.map { space.names[$0] },
            roles: framework.roles.map { roleStanding($0, of: slot, suppressed: framework.suppressedRoles.contains($0)) },
            next: next.map { standing(ofFramework: $0.slot, in: $0.roleSlot) }, nextRole: next.map { roles[$0.roleSlot].name },
            filters: liveFilters(of: framework, now: now), outstandingOffers: 0)
    }

    /// The framework and role the next offer would go to: the first eligible framework of the
    /// first role that has one.
    var nextOffer: (slot: Int, roleSlot: Int)? {
        for roleSlot in roleSorter.order {
            let role = roles[roleSlot].name
            for slot in roles[roleSlot].frameworks.order {
                if let framework = frameworks[slot], framework.active, !framework.suppressedRoles.contains(role) {
                    return (slot, roleSlot)
                }
            }
        }
        return nil
    }

    private func roleStanding(_ role: String, of slot: Int, suppressed: Bool) -> FrameworkStanding.RoleStanding {
        let roleSlot = roleSlots[role]
        let sorter = roleSlot.map { roles[$0].frameworks }
        var allocated: [String: Double] = [:]
        if let roleSlot {
            for (index, amount) in roles[roleSlot].allocated.values.enumerated() where amount != 0 { allocated[space.names[index]] = amount }
        }
        return FrameworkStanding.RoleStanding(
            role: role, weight: weight(of: role), roleShare: dominantShare(ofRole: role),
            rolePlace: roleSlot.flatMap { roleSorter.order.firstIndex(of: $0) }.map { $0 + 1 } ?? 0, roleCount: roleSorter.order.count,
            frameworkShare: sorter?.share(of: slot) ?? 0, frameworkPlace: sorter?.order.firstIndex(of: slot).map { $0 + 1 } ?? 0,
            frameworkCount: sorter?.order.count ?? 0, suppressed: suppressed,
            guarantee: quotas[role]?.guarantee ?? [:], limit: quotas[role]?.limit, allocated: allocated)
    }

    private func liveFilters(of framework: FrameworkRecord, now: ClusterInstant) -> [FrameworkStanding.Filter] {
        var result: [FrameworkStanding.Filter] = []
        for (agentSlot, filters) in framework.filters {
            guard let agent = agents[agentSlot] else { continue }
            for filter in filters where now < filter.expires {
                result.append(FrameworkStanding.Filter(agentID: agent.id, hostname: "", secondsLeft: (filter.expires - now).seconds, resources: filter.resources,
                    origin: filter.origin))
            }
        }
        return result.sorted { ($0.agentID, $0.secondsLeft) < ($1.agentID, $1.secondsLeft) }
    }

    /// A framework of a role as its sorter sees it.
    func standing(ofFramework slot: Int, in roleSlot: Int) -> ShareStanding {
        ShareStanding(id: frameworks[slot]?.id.value ?? "", weightedShare: roles[roleSlot].frameworks.share(of: slot))
    }

    /// Why `frameworkSlot` gets this offer in `roleSlot`: the orders as they are at this moment
    /// (their first entries) and the frameworks ahead that were passed over.
    func offerReason(_ stage: OfferReason.Stage, role roleSlot: Int, framework frameworkSlot: Int, passedOver: [(slot: Int, reason: PassedOver.Reason)]) -> OfferReason {
        let roleOrder = roleSorter.order
        let frameworkOrder = roles[roleSlot].frameworks.order
        return OfferReason(
            stage: stage, role: roles[roleSlot].name,
            roleOrder: roleOrder.prefix(OfferReason.listed).map { slot in
                ShareStanding(id: roles[slot].name, weightedShare: roleSorter.share(of: slot), weight: weight(of: roles[slot].name))
            },
            rolePlace: (roleOrder.firstIndex(of: roleSlot) ?? 0) + 1, roleCount: roleOrder.count,
            frameworkOrder: frameworkOrder.prefix(OfferReason.listed).map { standing(ofFramework: $0, in: roleSlot) },
            frameworkPlace: (frameworkOrder.firstIndex(of: frameworkSlot) ?? 0) + 1, frameworkCount: frameworkOrder.count,
            passedOver: passedOver.prefix(OfferReason.listed).map { PassedOver(framework: standing(ofFramework: $0.slot, in: roleSlot), reason: $0.reason) })
    }
}

extension ScalarVector {
    /// The index of the resource this vector holds the largest fraction of, if it holds any.
    func dominantIndex(of totals: ScalarVector) -> Int? {
        var best: (index: Int, share: Double)?
        for (index, amount) in values.enumerated() where amount > 0 && totals[index] > 0 {
            let share = amount / totals[index]
            if share > (best?.share ?? 0) { best = (index, share) }
        }
        return best?.index
    }
}
