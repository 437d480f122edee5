import CorralServices

/// `/v2/queue`'s `processedOffersSummary` for an app waiting to launch, as Marathon's funnel:
/// each of the last offers (one per agent) counts once, turned away by the first step of the
/// funnel it failed, so each step says how many offers reached it (`processed`) and how many it
/// turned away (`declined`), and the next step was reached by the difference. Services keeps
/// no counts since the launch began (Marathon's `rejectSummaryLaunchAttempt`), only the last
/// offers, so that summary is left out rather than made up.
struct ProcessedOffers: Encodable {
    struct Step: Encodable, Equatable {
        var reason: String
        var declined: Int
        var processed: Int
    }

    var processedOffersCount: Int
    var unusedOffersCount: Int
    var rejectSummaryLastOffers: [Step]

    init(lastOffers: [OfferRejection]) {
        processedOffersCount = lastOffers.count
        unusedOffersCount = lastOffers.count
        var reached = lastOffers.count
        rejectSummaryLastOffers = OfferRejection.Reason.allCases.map { reason in
            let declined = lastOffers.count { $0.funnelReason == reason }
            defer { reached -= declined }
            return Step(reason: reason.rawValue, declined: declined, processed: reached)
        }
    }
}
