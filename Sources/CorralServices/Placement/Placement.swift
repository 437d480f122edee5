import CorralModel

/// Where an instance could go, or already runs: an agent's hostname and attributes.
public struct PlacementSite: Hashable, Sendable {
    public var agentID: AgentID
    public var hostname: String
    public var attributes: [Attribute]

    public init(agentID: AgentID, hostname: String, attributes: [Attribute] = []) {
        self.agentID = agentID
        self.hostname = hostname
        self.attributes = attributes
    }

    /// The value a constraint's field names here: the hostname, or an attribute as text.
    public func value(of field: String) -> String? {
        if field == "hostname" { return hostname }
        return attributes.first { $0.name == field }?.text
    }
}

/// Whether a new instance may go to a site, given where the app's instances already run. The
/// reason names the constraint and what it saw, so an app that cannot be placed says why.
public enum Placement {
    public enum Verdict: Hashable, Sendable {
        case fits
        case refused(String)
    }

    /// Every constraint must allow the site; the first that does not gives the reason.
    public static func check(_ constraints: [PlacementConstraint], site: PlacementSite, running: [PlacementSite]) -> Verdict {
        for constraint in constraints {
            if case .refused(let reason) = check(constraint, site: site, running: running) { return .refused(reason) }
        }
        return .fits
    }

    public static func check(_ constraint: PlacementConstraint, site: PlacementSite, running: [PlacementSite]) -> Verdict {
        guard let here = site.value(of: constraint.field) else {
            return .refused("\(constraint): agent \(site.hostname) has no attribute '\(constraint.field)'")
        }
        let values = running.compactMap { $0.value(of: constraint.field) }
        let countHere = values.filter { $0 == here }.count
        switch constraint.op {
        case .unique:
            return countHere == 0 ? .fits : .refused("\(constraint): an instance already runs where \(constraint.field) is \(here)")
        case .cluster:
            let wanted = constraint.value ?? values.first ?? here
            return here == wanted ? .fits : .refused("\(constraint): \(constraint.field) is \(here), not \(wanted)")
        case .like, .unlike:
            let matches = constraint.pattern?.matches(here) ?? false
            let fits = constraint.op == .like ? matches : !matches
            return fits ? .fits : .refused("\(constraint): \(constraint.field) \(here) \(matches ? "matches" : "does not match") \(constraint.value ?? "")")
        case .maxPer:
            let limit = Int(constraint.value ?? "") ?? 1
            return countHere < limit ? .fits : .refused("\(constraint): \(countHere) instances already run where \(constraint.field) is \(here)")
        case .groupBy:
            // Spread evenly: the site's group may not get ahead of the emptiest group. With a
            // number of groups given, groups not seen yet count as empty.
            var counts: [String: Int] = [:]
            for value in values { counts[value, default: 0] += 1 }
            counts[here, default: 0] += 0
            let expected = Int(constraint.value ?? "") ?? 0
            let fewest = counts.count < expected ? 0 : counts.values.min() ?? 0
            return countHere <= fewest ? .fits : .refused("\(constraint): \(constraint.field) \(here) already has \(countHere) instances, others have \(fewest)")
        }
    }
}
