import CorralModel

extension MasterCore {
    /// When the core next needs a `.tick`: the periodic allocation pass, or sooner an offer
    /// timing out, a disconnected framework's failover timeout, a silent agent becoming
    /// unreachable, the re-registration window after a restart closing, or the registry's GC.
    /// The actor (and the simulation) sleep until then instead of ticking on a fixed beat.
    public var nextDeadline: ClusterInstant {
        var deadline = lastPeriodicAllocation + configuration.allocationInterval
        if let floor = offerTimeoutFloor.instant { deadline = min(deadline, floor) }
        for framework in frameworks.values {
            if let since = framework.disconnectedAt { deadline = min(deadline, since + .clampedSeconds(framework.info.failoverTimeout)) }
        }
        if let floor = agentSilenceFloor.instant { deadline = min(deadline, floor) }
        if let recoveryDeadline { deadline = min(deadline, recoveryDeadline) }
        return min(deadline, lastRegistryGC + configuration.registryGCInterval)
    }
}

extension MasterCore {
    /// The floors must never be late: each at or before the earliest silence of a reachable
    /// agent and the earliest timeout of an outstanding offer (the simulation checks this after
    /// every step, so a path that forgets to lower one shows at once).
    func deadlineFloorViolations() -> [String] {
        var violations: [String] = []
        if let timeout = configuration.agentTimeout,
           let earliest = agents.values.lazy.filter({ !$0.unreachable }).map({ $0.lastSeen + timeout }).min(),
           !agentSilenceFloor.isAtOrBefore(earliest) {
            violations.append("the agent silence floor \(String(describing: agentSilenceFloor.instant)) is after the earliest silence \(earliest)")
        }
        if let timeout = configuration.offerTimeout, let earliest = offers.values.lazy.map({ $0.createdAt + timeout }).min(),
           !offerTimeoutFloor.isAtOrBefore(earliest) {
            violations.append("the offer timeout floor \(String(describing: offerTimeoutFloor.instant)) is after the earliest timeout \(earliest)")
        }
        return violations
    }
}
