import CorralModel

/// Why the last offer of one agent could not take an instance of an app: Marathon's reason
/// names (what `/v2/queue` reports in `processedOffersSummary`) and a sentence with the
/// numbers, for the console's "why is this app waiting".
public struct OfferRejection: Hashable, Sendable {
    /// Marathon's names for why an offer did not match, in the order of its funnel: an offer
    /// that fails for several reasons counts once, for the first of them here (so that
    /// `/v2/queue` shows how many offers each step turned away and how many reached it).
    /// Corral's Services never turns an offer away for a role, a reservation, maintenance or
    /// GPUs, but the funnel lists every step, as Marathon's does.
    public enum Reason: String, Hashable, Sendable, CaseIterable {
        case unfulfilledRole = "UnfulfilledRole"
        case unfulfilledConstraint = "UnfulfilledConstraint"
        case noCorrespondingReservationFound = "NoCorrespondingReservationFound"
        case agentMaintenance = "AgentMaintenance"
        case insufficientCpus = "InsufficientCpus"
        case insufficientMemory = "InsufficientMemory"
        case insufficientDisk = "InsufficientDisk"
        case insufficientGpus = "InsufficientGpus"
        case insufficientPorts = "InsufficientPorts"
        case declinedScarceResources = "DeclinedScarceResources"
    }

    public var agentID: AgentID
    public var hostname: String
    public var reasons: [Reason]
    public var message: String
    public var at: Time

    public init(agentID: AgentID, hostname: String, reasons: [Reason], message: String, at: Time) {
        self.agentID = agentID
        self.hostname = hostname
        self.reasons = reasons
        self.message = message
        self.at = at
    }

    /// The step of Marathon's funnel that turned the offer away: the first of its reasons.
    /// None for a rejection with no reason Marathon has a name for (Marathon leaves those out
    /// of its counts too).
    public var funnelReason: Reason? {
        Reason.allCases.first { reasons.contains($0) }
    }

    /// An offer short of scalars: which ones, and by how much, beside what it needs and has.
    static func short(of needs: Resources, in free: Resources, on site: PlacementSite, at time: Time) -> OfferRejection {
        let reasons = free.shortfalls(of: needs).compactMap { Reason(scalar: $0.name) }
        return OfferRejection(
            agentID: site.agentID, hostname: site.hostname, reasons: reasons,
            message: free.shortfallSentence(for: needs, host: site.hostname, what: "an instance"), at: time)
    }
}

extension OfferRejection.Reason {
    /// Marathon's name for being short of a scalar, if it has one.
    init?(scalar name: String) {
        switch name {
        case "cpus": self = .insufficientCpus
        case "mem": self = .insufficientMemory
        case "disk": self = .insufficientDisk
        case "gpus": self = .insufficientGpus
        default: return nil
        }
    }
}
