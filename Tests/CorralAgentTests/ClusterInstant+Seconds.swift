import CorralModel

/// `t0 + 1.5`: the agent's tests count in seconds, as its configuration's flags do.
func + (lhs: ClusterInstant, rhs: Double) -> ClusterInstant { lhs.advanced(by: .seconds(rhs)) }
