import CorralModel

/// The allocator's reasons in plain sentences with their numbers: what the "Why" view shows.
/// A pure function of the data, so golden frames and tests read the same words.
public enum WhySentences {
    public static func lines(for why: Why) -> [String] {
        switch why {
        case .framework(let standing): return framework(standing)
        case .offer(let made, let reason): return offer(made, reason)
        case .unavailable(let text): return [text]
        }
    }

    static func framework(_ standing: FrameworkStanding) -> [String] {
        var lines: [String] = []
        let name = standing.label
        if !standing.active {
            lines.append("\(name) is not connected: it is offered nothing until it subscribes again.")
        }
        if let dominant = standing.dominantResource, standing.dominantShare > 0 {
            lines.append("It holds \(percent(standing.dominantShare)) of the cluster's \(dominant), its dominant resource, counting offers and tasks in all its roles.")
        } else {
            lines.append("It holds nothing now: no offers and no tasks.")
        }
        for role in standing.roles {
            lines.append("")
            lines.append(contentsOf: roleLines(role))
        }
        lines.append("")
        if let next = standing.next, let role = standing.nextRole {
            let who = next.id == standing.frameworkID.value ? "this framework" : next.label
            lines.append("First in line for the next offer: \(who), in role \(role), the role with the lowest weighted share and in it the lowest share (\(percent(next.weightedShare))); a refuse filter or another role's quota guarantee can still send an offer elsewhere.")
        } else {
            lines.append("No framework takes offers now: none is connected and unsuppressed.")
        }
        if standing.filters.isEmpty {
            lines.append("No refuse filters: no agent is held back from it by an earlier decline.")
        } else {
            lines.append("Refuse filters from its declines hold back \(Format.count(standing.filters.count, "agent")):")
            for filter in standing.filters.prefix(8) {
                let agent = Format.shortID(filter.agentID.value)
                let host = filter.hostname.isEmpty ? agent : "\(filter.hostname) (\(agent))"
                lines.append("  \(host): \(seconds(filter.secondsLeft)) left, for offers within \(filter.resources)\(origin(of: filter))")
            }
        }
        lines.append("It holds \(Format.count(standing.outstandingOffers, "outstanding offer")).")
        return lines
    }

    /// An app of Services: what it wants and has, and what holds the rest back (its backoff,
    /// or per agent what its last offer lacked).
    public static func app(_ row: ServiceRow) -> [String] {
        let alive = row.running + row.staged
        var lines = ["\(row.id) wants \(Format.count(row.wanted, "instance")) of \(Format.cpusAsked(row.cpus)) cpus and \(Format.megabytes(row.mem)): \(row.running) running, \(row.staged) starting."]
        switch row.status {
        case .suspended:
            lines.append("It is suspended: no instances are wanted, so it waits for nothing.")
        case .running:
            lines.append("Every instance runs: it waits for nothing.")
        case .delayed(let seconds):
            lines.append("Launches are held back after failures (its backoff): the next may start \(Format.until(seconds)).")
        case .deploying, .waiting:
            if alive >= row.wanted {
                lines.append("A deployment is under way: instances are being replaced or stopped.")
            } else if row.waitingOn.isEmpty {
                lines.append("\(Format.count(row.wanted - alive, "instance")) still to start; no offer has been turned down for it yet: it waits for offers (w on the services framework says where it stands with the allocator).")
            } else {
                lines.append("\(Format.count(row.wanted - alive, "instance")) still to start; no offer could take one. At each agent's last offer:")
                for wait in row.waitingOn { lines.append(wait.reason.hasPrefix(wait.host + " ") ? "  " + wait.reason : "  \(wait.host): \(wait.reason)") }
            }
        }
        return lines
    }

    /// A job of Jobs: what it waits for now: a run on the cluster, an offer that fits a due
    /// run, its schedule, or its parents.
    public static func job(_ row: JobRow, now: Time) -> [String] {
        var lines: [String] = []
        if row.disabled { lines.append("\(row.name) is disabled: it runs only when asked (r).") }
        if row.running > 0 { lines.append("\(Format.count(row.running, "run")) of it \(row.running == 1 ? "is" : "are") on the cluster now.") }
        if row.queued > 0 {
            let reason = row.waitingReason.map { "the last offer could not take one: \($0)." } ?? "no offer has come for it yet."
            lines.append("\(Format.count(row.queued, "run")) \(row.queued == 1 ? "is" : "are") due and \(row.queued == 1 ? "waits" : "wait") for resources; \(reason)")
        }
        if !row.parents.isEmpty {
            if row.parentsPending.isEmpty {
                lines.append("It runs after \(row.parents.joined(separator: ", ")) succeed\(row.parents.count == 1 ? "s" : ""); each has succeeded since its last run.")
            } else {
                lines.append("It runs after \(row.parents.joined(separator: ", ")) succeed\(row.parents.count == 1 ? "s" : ""); still waiting for \(row.parentsPending.joined(separator: ", ")).")
            }
        } else if let next = row.nextRun, !row.disabled {
            lines.append("It waits for its schedule (\(row.schedule)): the next run is at \(Format.clock(next)) UTC, \(Format.until(next - now)).")
        } else if !row.disabled, row.running == 0, row.queued == 0 {
            lines.append("Its schedule (\(row.schedule)) has no more runs.")
        }
        return lines
    }

    static func roleLines(_ role: FrameworkStanding.RoleStanding) -> [String] {
        var lines: [String] = []
        let weight = role.weight == 1 ? "weight 1" : "weight \(number(role.weight)), so its share counts 1/\(number(role.weight))"
        lines.append(
            "Role \(role.role) (\(weight)) has a weighted share of \(percent(role.roleShare)): "
                + "\(place(role.rolePlace, of: role.roleCount, "roles")) in DRF order, lowest first.")
        lines.append(
            "In the role, its share is \(percent(role.frameworkShare)): "
                + "\(place(role.frameworkPlace, of: role.frameworkCount, "frameworks")).")
        if role.suppressed { lines.append("It suppressed offers for \(role.role): the allocator passes it over until it revives.") }
        if !role.guarantee.isEmpty || role.limit != nil {
            let guarantee = role.guarantee.isEmpty ? "no guarantee" : "a guarantee of \(amounts(role.guarantee))"
            let limit = role.limit.map { "a limit of \(amounts($0))" } ?? "no limit"
            lines.append("Its quota: \(guarantee) and \(limit); the role holds \(amounts(role.allocated)).")
        }
        return lines
    }

    static func offer(_ offer: Offer, _ reason: OfferReason) -> [String] {
        var lines = ["Offer \(offer.id) of \(offer.resources) on \(offer.hostname), in role \(reason.role).", ""]
        switch reason.stage {
        case .guarantee:
            lines.append("It was made to meet role \(reason.role)'s quota guarantee, which comes before fair shares.")
        case .fairShare:
            lines.append("It was made by weighted DRF: the role, then the framework, with the lowest share goes first.")
        }
        lines.append("Roles at that moment, \(place(reason.rolePlace, of: reason.roleCount, "roles")) for \(reason.role):")
        for role in reason.roleOrder { lines.append("  \(role.id)  weighted share \(percent(role.weightedShare))" + (role.weight == 1 ? "" : " (weight \(number(role.weight)))")) }
        lines.append("Frameworks of \(reason.role), \(place(reason.frameworkPlace, of: reason.frameworkCount, "frameworks")) for its framework:")
        for framework in reason.frameworkOrder { lines.append("  \(framework.label)  share \(percent(framework.weightedShare))") }
        for passed in reason.passedOver {
            lines.append("Passed over: \(passed.framework.label), \(words(passed.reason)).")
        }
        return lines
    }

    static func words(_ reason: PassedOver.Reason) -> String {
        switch reason {
        case .inactive: return "not connected"
        case .suppressed: return "it had suppressed offers"
        case .filtered: return "a refuse filter from an earlier decline covered these resources"
        }
    }

    static func place(_ place: Int, of count: Int, _ things: String) -> String {
        place > 0 ? "\(ordinal(place)) of \(count) \(things)" : "not yet in the order of \(count) \(things)"
    }

    static func ordinal(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }

    static func percent(_ share: Double) -> String { Format.percent(share) }

    /// Weights and amounts to the hundredth, without trailing zeros: 2, 0.5, 1024.
    static func number(_ value: Double) -> String { Format.cpusAsked(value) }

    static func seconds(_ value: Double) -> String { Format.age(value.rounded(.up)) }

    /// ", from its decline of offer O12 (refuse 30 s)", when the master said.
    static func origin(of filter: FrameworkStanding.Filter) -> String {
        guard let origin = filter.origin else { return "" }
        let refuse = "refuse \(formatScalar(origin.refuseSeconds)) s"
        switch origin.kind {
        case .decline: return ", from its decline of offer \(origin.offerID) (\(refuse))"
        case .unusedPartOfAccept: return ", from what it left unused of offer \(origin.offerID) it accepted (\(refuse))"
        }
    }

    static func amounts(_ amounts: [String: Double]) -> String {
        amounts.isEmpty ? "nothing" : amounts.sorted { $0.key < $1.key }.map { "\($0.key) \(number($0.value))" }.joined(separator: ", ")
    }
}
