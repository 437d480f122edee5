import CorralServices

/// `/v2/queue`'s `processedOffersSummary` for an app waiting to launch, as Marathon's funnel:
/// each offer counts once, turned away by the first step of the funnel it failed, so each step
/// says how many offers reached it (`processed`) and how many it turned away (`declined`), and
/// the next step was reached by the difference. Two funnels: the last offers (one per agent)
/// and every offer since the launch attempt began, whose counts are also the summary's own.
struct ProcessedOffers: Encodable {
    struct Step: Encodable, Equatable {
        var reason: String
        var declined: Int
        var processed: Int
    }

    var processedOffersCount: Int
    var unusedOffersCount: Int
    var rejectSummaryLastOffers: [Step]
    var rejectSummaryLaunchAttempt: [Step]

    init(lastOffers: [OfferRejection], launchAttempt: LaunchAttempt) {
        processedOffersCount = launchAttempt.processedOffers
        unusedOffersCount = launchAttempt.unusedOffers
        var declinedLast: [OfferRejection.Reason: Int] = [:]
        for reason in lastOffers.compactMap(\.funnelReason) { declinedLast[reason, default: 0] += 1 }
        rejectSummaryLastOffers = Self.funnel(reaching: lastOffers.count, declined: declinedLast)
        rejectSummaryLaunchAttempt = Self.funnel(reaching: launchAttempt.processedOffers, declined: launchAttempt.declined)
    }

    /// Marathon's steps in order: `reaching` offers enter the first, and each lets through what
    /// it did not turn away.
    static func funnel(reaching: Int, declined: [OfferRejection.Reason: Int]) -> [Step] {
        var reached = reaching
        return OfferRejection.Reason.allCases.map { reason in
            let turnedAway = declined[reason] ?? 0
            defer { reached -= turnedAway }
            return Step(reason: reason.rawValue, declined: turnedAway, processed: reached)
        }
    }
}
