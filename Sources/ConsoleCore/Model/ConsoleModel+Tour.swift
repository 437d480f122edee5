extension ConsoleModel {
    /// Starts a tour on this console: its first step's caption shows, and its actions go out.
    public mutating func start(_ tour: Tour) -> [ConsoleEffect] {
        guard !tour.steps.isEmpty else { return [] }
        var state = TourState(tour)
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
            state.back()
            tour = state
            return showStep([])
        default:
            return nil
        }
    }

    private mutating func showStep(_ actions: [TourAction]) -> [ConsoleEffect] {
        guard let step = tour?.step else { return [] }
        if let pane = step.focus { focus = pane }
        return actions.isEmpty ? [] : [.tour(actions)]
    }
}
