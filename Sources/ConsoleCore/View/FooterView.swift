/// The bottom line: the keys that work here, or what just happened.
enum FooterView {
    static func draw(_ model: ConsoleModel, on canvas: inout Canvas, in rect: Rect) {
        canvas.fill(rect, role: .footer)
        if let notice = model.notice {
            canvas.text(" " + notice.text, x: rect.x, y: rect.y, width: rect.width, role: notice.isError ? .error : .footer)
            return
        }
        var x = rect.x + 1
        for (key, action) in hints(model) {
            guard x < rect.maxX - 4 else { break }
            x += canvas.text(key, x: x, y: rect.y, width: rect.maxX - x, role: .footerKey)
            x += canvas.text(" \(action)  ", x: x, y: rect.y, width: rect.maxX - x, role: .footer)
        }
    }

    static func hints(_ model: ConsoleModel) -> [(String, String)] {
        switch model.mode {
        case .filtering: return [("type", "filter"), ("Enter", "keep"), ("Esc", "clear"), ("Ctrl-U", "erase")]
        case .launching: return [("Tab", "next field"), ("Enter", "launch"), ("Esc", "cancel")]
        case .creatingApp: return [("Tab", "next field"), ("Enter", "create"), ("Esc", "cancel")]
        case .confirmingKill: return [("←→", "choose"), ("Enter", "confirm choice"), ("y", "kill"), ("n/Esc", "cancel")]
        case .help: return [("any key", "close help")]
        case .normal: break
        }
        if let replay = model.replay { return replayHints(replay, model: model) }
        let pause = ("p", model.paused ? "resume" : "pause")
        switch model.detail {
        case .task: return [("Esc", "back"), ("x", "kill"), ("l", "launch"), ("t", "theme"), pause, ("q", "quit")]
        case .service: return [("Esc", "back"), ("+ -", "scale"), ("w", "why"), ("n", "new app"), ("t", "theme"), pause, ("q", "quit")]
        case .job: return [("Esc", "back"), ("r", "run now"), ("w", "why"), ("t", "theme"), pause, ("q", "quit")]
        case .framework: return [("Esc", "back"), ("w", "why"), ("l", "launch"), ("t", "theme"), ("q", "quit")]
        case .agent: return [("Esc", "back"), ("l", "launch"), ("t", "theme"), ("q", "quit")]
        case .why: return [("Esc", "back"), ("w", "ask again"), ("t", "theme"), pause, ("q", "quit")]
        case nil: break
        }
        // The focused pane's own keys; a framework that is not running has none.
        let paneKeys: [(String, String)] = switch model.focus {
        case .services: model.services == nil ? [] : [("+ -", "scale"), ("n", "new app"), ("w", "why")]
        case .jobs: model.jobs == nil ? [] : [("r", "run now"), ("w", "why")]
        case .frameworks, .offers: [("w", "why"), ("l", "launch"), ("x", "kill")]
        case .tasks: model.waiting.isEmpty ? [("l", "launch"), ("x", "kill")] : [("l", "launch"), ("x", "kill"), ("w", "why waiting")]
        case .agents, .events: [("l", "launch"), ("x", "kill")]
        }
        return [("Tab", "pane"), ("↑↓", "select"), ("Enter", "details")] + paneKeys + [
            ("/", "filter"), ("s", "sort"), ("t", "theme"), pause,
            ("[ ]", "refresh \(Format.cpus(model.refreshInterval))s"), ("?", "help"), ("q", "quit"),
        ]
    }

    /// A replay's keys: its own, then the panes' that still work (the rest are read-only).
    static func replayHints(_ replay: ReplayTimeline, model: ConsoleModel) -> [(String, String)] {
        if replay.goingTo != nil { return [("type", "a time"), ("Enter", "go"), ("Esc", "cancel")] }
        // In a tour, Space and the arrows move the tour (back to the live cluster): p pauses.
        let inTour = model.tour != nil
        let own = [
            (inTour ? "p" : "Space", replay.paused ? "play" : "pause"), (", .", "step"), ("[ ]", "±10s"), ("{ }", "±1m"),
            ("g", "go to"), ("+ -", "speed"),
        ]
        if inTour, model.detail == nil { return own + [("Space ← →", "live"), ("Tab", "pane"), ("q", "quit")] }
        let panes = model.detail == nil ? [("Tab", "pane"), ("Enter", "details"), ("w", "why")] : [("Esc", "back"), ("w", "why")]
        return own + panes + [("?", "help"), ("q", "quit")]
    }
}
