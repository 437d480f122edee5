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
        var reasons: [Reason] = []
        var shortfalls: [String] = []
        for need in needs {
            guard case .scalar(let amount) = need.value else { continue }
            let have = free.scalar(need.name)
            guard amount - have > 1e-9 else { continue }
            reasons.append(Reason(scalar: need.name))
            shortfalls.append(need.name == "mem" || need.name == "disk" ? "\(Self.amount(amount - have))M \(need.name)" : "\(Self.amount(amount - have)) \(need.name)")
        }
        if reasons.isEmpty { reasons = [.insufficientResources] }
        let short = shortfalls.isEmpty ? "cannot hold it" : "is short of " + shortfalls.joined(separator: " and ")
        return OfferRejection(
            agentID: site.agentID, hostname: site.hostname, reasons: reasons,
            message: "\(site.hostname) \(short): an instance needs \(needs.description), its offer had \(free.description)", at: time)
    }

    static func amount(_ value: Double) -> String {
        let hundredths = (value * 100).rounded()
        guard hundredths.isFinite, abs(hundredths) < 1e15 else { return "\(value)" }
        let whole = Int64(hundredths)
        return whole % 100 == 0 ? "\(whole / 100)" : "\(Double(whole) / 100)"
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
