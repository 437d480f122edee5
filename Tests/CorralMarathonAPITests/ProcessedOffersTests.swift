import CorralModel
import CorralServices
import Foundation
import Testing

@testable import CorralMarathonAPI

/// `/v2/queue`'s summaries of the last offers and of the launch attempt are Marathon's funnel:
/// every offer counts once, at the first step it failed, and each step was reached by what the
/// steps before let through.
@Suite struct ProcessedOffersTests {
    func rejection(_ agent: String, _ reasons: [OfferRejection.Reason]) -> OfferRejection {
        OfferRejection(agentID: AgentID(agent), hostname: agent, reasons: reasons, message: "", at: Time(seconds: 0))
    }

    @Test func eachOfferCountsOnceAtTheFirstStepItFailed() throws {
        let summary = ProcessedOffers(lastOffers: [
            rejection("a", [.insufficientCpus, .unfulfilledConstraint]),  // the constraint comes first in the funnel
            rejection("b", [.insufficientMemory, .insufficientCpus]),
            rejection("c", [.insufficientMemory]),
            rejection("d", []),  // no reason Marathon has a name for: reached every step, counted by none
        ], launchAttempt: LaunchAttempt())
        let steps = summary.rejectSummaryLastOffers.map { "\($0.reason) \($0.declined)/\($0.processed)" }
        #expect(steps == [
            "UnfulfilledRole 0/4", "UnfulfilledConstraint 1/4", "NoCorrespondingReservationFound 0/3", "AgentMaintenance 0/3",
            "InsufficientCpus 1/3", "InsufficientMemory 1/2", "InsufficientDisk 0/1", "InsufficientGpus 0/1", "InsufficientPorts 0/1",
            "DeclinedScarceResources 0/1",
        ])
        let json = try #require(String(data: try JSONEncoder().encode(summary), encoding: .utf8))
        #expect(json.contains(#""rejectSummaryLastOffers":[{"#) && json.contains(#""rejectSummaryLaunchAttempt":[{"#))
        #expect(!json.contains("InsufficientResources"), "not one of Marathon's names")
    }

    /// The launch attempt's funnel starts from every offer it processed, the used ones too, and
    /// its counts are the summary's `processedOffersCount` and `unusedOffersCount`.
    @Test func theLaunchAttemptsFunnelStartsFromEveryProcessedOffer() {
        var attempt = LaunchAttempt()
        attempt.count(used: true, rejection: nil)
        attempt.count(used: false, rejection: rejection("a", [.insufficientMemory]))
        attempt.count(used: false, rejection: rejection("b", [.unfulfilledConstraint, .insufficientCpus]))
        attempt.count(used: false, rejection: nil)
        let summary = ProcessedOffers(lastOffers: [], launchAttempt: attempt)
        #expect(summary.processedOffersCount == 4 && summary.unusedOffersCount == 3)
        let steps = summary.rejectSummaryLaunchAttempt.filter { $0.declined > 0 }.map { "\($0.reason) \($0.declined)/\($0.processed)" }
        #expect(steps == ["UnfulfilledConstraint 1/4", "InsufficientMemory 1/3"])
        #expect(summary.rejectSummaryLaunchAttempt.last?.processed == 2)
    }
}
