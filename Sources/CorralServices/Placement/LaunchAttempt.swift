/// The offers an app's current launch attempt has looked at: Marathon's `processedOffersCount`,
/// `unusedOffersCount` and `rejectSummaryLaunchAttempt` in `/v2/queue`. An attempt begins when
/// the app has instances to start and ends when it has all it wants; the counts start again
/// with the next one. An offer counts once for the app, however many instances it took, and
/// one that took none counts against the first step of Marathon's funnel it failed.
public struct LaunchAttempt: Hashable, Sendable {
    public private(set) var processedOffers = 0
    public private(set) var unusedOffers = 0
    /// Unused offers by the funnel step that turned them away (see `OfferRejection.funnelReason`).
    public private(set) var declined: [OfferRejection.Reason: Int] = [:]

    public init() {}

    /// Counts one offer the app was matched against: used when it took an instance; otherwise
    /// `rejection` says why not (nil when Marathon has no name for the reason).
    public mutating func count(used: Bool, rejection: OfferRejection?) {
        processedOffers += 1
        guard !used else { return }
        unusedOffers += 1
        if let reason = rejection?.funnelReason { declined[reason, default: 0] += 1 }
    }
}
