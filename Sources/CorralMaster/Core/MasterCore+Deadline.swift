import CorralModel

extension MasterCore {
    /// When the core next needs a `.tick`: the periodic allocation pass, or sooner an offer
    /// timing out, a disconnected framework's failover timeout, a silent agent becoming
    /// unreachable, the re-registration window after a restart closing, or the registry's GC.
    /// The actor (and the simulation) sleep until then instead of ticking on a fixed beat.
    public var nextDeadline: ClusterInstant {
        var deadline = lastPeriodicAllocation + configuration.allocationInterval
        if let offerTimeoutFloor { deadline = min(deadline, offerTimeoutFloor) }
        for framework in frameworks.values {
            if let since = framework.disconnectedAt { deadline = min(deadline, since + .clampedSeconds(framework.info.failoverTimeout)) }
        }
        if let agentSilenceFloor { deadline = min(deadline, agentSilenceFloor) }
        if let recoveryDeadline { deadline = min(deadline, recoveryDeadline) }
        return min(deadline, lastRegistryGC + configuration.registryGCInterval)
    }
}
