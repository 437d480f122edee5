import CorralModel

/// "Don't offer me these resources of this agent again until `expires`": what a framework asks
/// for when it declines an offer (or accepts part of one) with `refuse_seconds`.
///
/// As in Mesos, the filter holds back an offer only when everything that would be offered is
/// within what was refused: if more frees up on the agent, the framework hears about it.
public struct RefuseFilter: Hashable, Sendable {
    public var resources: Resources
    public var expires: ClusterInstant
    /// Which decline (or accept) asked for it, for the Why view.
    public var origin: FilterOrigin?

    public func refuses(_ candidate: Resources, at now: ClusterInstant) -> Bool {
        now < expires && resources.contains(candidate)
    }
}
