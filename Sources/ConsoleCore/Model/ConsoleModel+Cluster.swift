import CorralModel

extension ConsoleModel {
    /// Takes in a new snapshot and the events that led to it: the log, offer flashes, share
    /// history and the offer rate all come from here.
    mutating func apply(_ snapshot: ClusterSnapshot, events: [ClusterEvent]) {
        let names = Dictionary(snapshot.frameworks.map { ($0.id, $0.info.name) }, uniquingKeysWith: { first, _ in first })
        let previousNames = self.snapshot.map { Dictionary($0.frameworks.map { ($0.id, $0.info.name) }, uniquingKeysWith: { first, _ in first }) } ?? [:]
        func name(_ id: FrameworkID) -> String { names[id] ?? previousNames[id] ?? Format.shortID(id.value) }
        if self.snapshot == nil {
            // What was there before the console started watching.
            log("Watching a cluster of \(Format.count(snapshot.agents.count, "agent")) and \(Format.count(snapshot.frameworks.count, "framework")) (master \(snapshot.masterInfo.hostname):\(snapshot.masterInfo.port))", at: snapshot.time, role: .muted)
        }
        for event in events { record(event, at: snapshot.time, frameworkName: name) }
        if let last = lastOfferCount, snapshot.time > last.time {
            let instant = Double(snapshot.offersMade - last.count) / (snapshot.time - last.time)
            offerRate = offerRate == 0 ? instant : 0.5 * offerRate + 0.5 * instant
        }
        lastOfferCount = (snapshot.offersMade, snapshot.time)
        for framework in snapshot.frameworks {
            var history = shareHistory[framework.id] ?? []
            history.append(framework.dominantShare)
            if history.count > Self.historyLength { history.removeFirst(history.count - Self.historyLength) }
            shareHistory[framework.id] = history
        }
        let present = Set(snapshot.frameworks.map(\.id))
        shareHistory = shareHistory.filter { present.contains($0.key) }
        self.snapshot = snapshot
        now = max(now, snapshot.time)
    }

    private mutating func record(_ event: ClusterEvent, at time: Time, frameworkName: (FrameworkID) -> String) {
        switch event {
        case .frameworkAdded(let framework):
            log("Framework \(framework.info.name) subscribed (roles \(framework.info.roles.joined(separator: ", ")))", at: time)
        case .frameworkUpdated:
            break
        case .frameworkRemoved(_, let name):
            log("Framework \(name) removed", at: time, role: .muted)
        case .agentAdded(let agent):
            log("Agent \(Format.shortID(agent.id.value)) registered on \(agent.info.hostname): \(agent.total)", at: time)
        case .agentUpdated(let agent):
            log("Agent \(Format.shortID(agent.id.value)) is \(agent.active ? "active" : "inactive")", at: time, role: agent.active ? .base : .warning)
        case .agentRemoved(let id, let reason):
            log("Agent \(Format.shortID(id.value)) removed: \(reason)", at: time, role: .warning)
        case .offerMade(let offer):
            offerBook[offer.id] = offer
        case .offerAccepted(let id, _, _):
            flash(id, .accepted, at: time)
        case .offerDeclined(let id, _, _):
            flash(id, .declined, at: time)
        case .offerRescinded(let id, let frameworkID, _, let reason):
            flash(id, .rescinded, at: time)
            log("Offer \(Format.shortID(id.value)) to \(frameworkName(frameworkID)) rescinded: \(reason)", at: time, role: .offerRescinded)
        case .taskAdded(let task):
            log("Launch \(task.id) on \(Format.shortID(task.agentID.value)) for \(frameworkName(task.frameworkID)): \(task.resources.unallocated())", at: time, role: .taskStaging)
        case .taskUpdated(let key, let status):
            var text = "Task \(key.taskID) \(status.state.shortName)"
            if let reason = status.reason { text += " (\(Format.reason(reason)))" }
            if let message = status.message, !message.isEmpty { text += ": \(message)" }
            log(text, at: time, role: Format.role(of: status.state))
        case .usageSampled:
            break
        }
    }

    mutating func log(_ text: String, at time: Time? = nil, role: ThemeRole = .base) {
        log.append(LogLine(time: time ?? now, text: text, role: role))
        if log.count > Self.logLimit { log.removeFirst(log.count - Self.logLimit) }
    }

    private mutating func flash(_ id: OfferID, _ outcome: OfferFlash.Outcome, at time: Time) {
        guard let offer = offerBook.removeValue(forKey: id) else { return }
        flashes.append(OfferFlash(offer: offer, outcome: outcome, at: time))
        if flashes.count > 50 { flashes.removeFirst(flashes.count - 50) }
    }
}
