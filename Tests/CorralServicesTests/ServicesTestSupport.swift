import CorralModel

/// `start + 4.9`: the core's tests count in seconds, as apps' `*Seconds` settings do.
func + (lhs: ClusterInstant, rhs: Double) -> ClusterInstant { lhs.advanced(by: .seconds(rhs)) }
