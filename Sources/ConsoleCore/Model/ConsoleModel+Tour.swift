import CorralModel

extension ConsoleModel {
    /// Starts a tour on this console: its first step's caption shows, and its actions go out.
    public mutating func start(_ tour: Tour) -> [ConsoleEffect] {
        guard !tour.steps.isEmpty else { return [] }
        var state = TourState(tour)
        state.startedAt = now
        let actions = state.arrive()
        self.tour = state
        return showStep(actions)
    }

    /// Space or → goes on, ← goes back; other keys work as always.
    mutating func tourKey(_ key: Key) -> [ConsoleEffect]? {
        guard var state = tour else { return nil }
        switch key {
        case .character(" "), .right:
            guard let actions = state.forward() else {
                notice = Notice(text: "That was the last step of the tour; q quits", isError: false, at: now)
                return []
            }
            tour = state
            return showStep(actions)
        case .left:
            let actions = state.back()
            tour = state
            return showStep(actions)
        default:
            return nil
        }
    }

    /// Whether `key` moves the tour here (its caption shows, no dialog or details screen
    /// is open): a replay inside the tour gives such keys back to the live console.
    public func takesTourKey(_ key: Key) -> Bool {
        guard tour != nil, mode == .normal, detail == nil else { return false }
        return key == .character(" ") || key == .right || key == .left
    }

    /// The step's actions on the cluster go to the tour's director; a replay is the console's
    /// own effect, from the tour's first step or from the seconds it names before now.
    private mutating func showStep(_ actions: [TourAction]) -> [ConsoleEffect] {
        guard let state = tour else { return [] }
        if let pane = state.step.focus { focus = pane }
        let onCluster = actions.filter(\.changesTheCluster)
        var effects: [ConsoleEffect] = onCluster.isEmpty ? [] : [.tour(onCluster)]
        for case .replay(let seconds) in actions {
            effects.append(.replay(from: seconds.map { now + -$0 } ?? state.startedAt ?? now))
        }
        return effects
    }
}
