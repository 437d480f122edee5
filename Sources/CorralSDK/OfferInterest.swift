import CorralModel

/// Whether the master should send a framework offers, kept in step with what the framework
/// wants: SUPPRESS once nothing is wanted, REVIVE once something is again. REVIVE also clears
/// the filters of offers declined for long while nothing was wanted — including a decline still
/// on its way when the demand came up, which would otherwise hide those agents until its filter
/// runs out. A long decline while something is wanted is the framework's choice (the offer did
/// not suit it) and its filter stands: reviving at once would bring the same offer straight
/// back, over and over.
public struct OfferInterest: Sendable {
    private var suppressed = false
    private var declinedForLong = false
    /// When the last call went out, for `call(wanted:now:)`.
    private var lastCall: ClusterInstant?
    /// How long a framework that wants offers goes before it says so again.
    public static let reassertInterval: Duration = .seconds(30)
    /// How long after a call that did not reach the master it is made again.
    public static let retryInterval: Duration = .seconds(1)

    public init() {}

    /// A new subscription starts unsuppressed and without filters of ours.
    public mutating func subscribed() {
        suppressed = false
        declinedForLong = false
    }

    /// Offers were declined with this filter, by a framework that (when it decided) wanted
    /// offers or not.
    public mutating func declined(refuseSeconds: Double, wanted: Bool) {
        if refuseSeconds > 1, !wanted { declinedForLong = true }
    }

    /// A call from `call(wanted:)` did not reach the master: the next `call(wanted:)` makes it
    /// again (REVIVE and SUPPRESS are idempotent). Without this, a lost REVIVE left the
    /// framework suppressed for good while it believed it had revived.
    public mutating func failed(_ call: SchedulerCall) {
        switch call {
        case .revive: suppressed = true
        case .suppress: suppressed = false
        default: break
        }
    }

    /// As `call(wanted:)`, and a REVIVE again every `reassertInterval` while offers are wanted:
    /// REVIVE and SUPPRESS are separate requests that can overtake each other on the way, and
    /// a SUPPRESS arriving last would leave a framework that wants offers without any.
    public mutating func call(wanted: Bool, now: ClusterInstant) -> SchedulerCall? {
        if let call = call(wanted: wanted) {
            lastCall = now
            return call
        }
        guard wanted, let last = lastCall, last.duration(to: now) >= Self.reassertInterval else {
            if lastCall == nil { lastCall = now }
            return nil
        }
        lastCall = now
        return .revive(roles: [])
    }

    /// When `call(wanted:now:)` next has a call to make without an event: a call that did not
    /// reach the master, again, or the periodic REVIVE while offers are wanted. The framework
    /// sleeps until the earliest of this and its core's own deadline.
    public func nextCall(wanted: Bool) -> ClusterInstant? {
        guard let lastCall else { return nil }
        if (wanted && (suppressed || declinedForLong)) || (!wanted && !suppressed) { return lastCall.advanced(by: Self.retryInterval) }
        return wanted ? lastCall.advanced(by: Self.reassertInterval) : nil
    }

    /// The call that brings the master in step with `wanted`, if one is needed; it counts as
    /// made.
    public mutating func call(wanted: Bool) -> SchedulerCall? {
        if wanted, suppressed || declinedForLong {
            suppressed = false
            declinedForLong = false
            return .revive(roles: [])
        }
        if !wanted, !suppressed {
            suppressed = true
            return .suppress(roles: [])
        }
        return nil
    }
}
