import CorralModel

/// Why the last offer of one agent could not take an instance of an app: Marathon's reason
/// names (what `/v2/queue` reports in `processedOffersSummary`) and a sentence with the
/// numbers, for the console's "why is this app waiting".
public struct OfferRejection: Hashable, Sendable {
    /// Marathon's names for why an offer did not match.
    public enum Reason: String, Hashable, Sendable, CaseIterable {
        case unfulfilledConstraint = "UnfulfilledConstraint"
        case insufficientCpus = "InsufficientCpus"
        case insufficientMemory = "InsufficientMemory"
        case insufficientDisk = "InsufficientDisk"
        case insufficientPorts = "InsufficientPorts"
        case insufficientResources = "InsufficientResources"
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

    /// An offer short of scalars: which ones, and by how much, beside what it needs and has.
    static func short(of needs: Resources, in free: Resources, on site: PlacementSite, at time: Time) -> OfferRejection {
        let reasons = free.shortfalls(of: needs).map { Reason(scalar: $0.name) }
        return OfferRejection(
            agentID: site.agentID, hostname: site.hostname, reasons: reasons.isEmpty ? [.insufficientResources] : reasons,
            message: free.shortfallSentence(for: needs, host: site.hostname, what: "an instance"), at: time)
    }
}

extension OfferRejection.Reason {
    init(scalar name: String) {
        switch name {
        case "cpus": self = .insufficientCpus
        case "mem": self = .insufficientMemory
        case "disk": self = .insufficientDisk
        default: self = .insufficientResources
        }
    }
}
