import ConsoleCore
import CorralModel

extension ReplayCore {
    /// The replay's keys, taken before the console's model sees them (call it only when the model
    /// is not typing into a dialog or a filter). Nil: not a replay key, the model's to handle.
    ///
    /// Space or p plays and pauses, `,` and `.` step a refresh back and forward, `[` `]` jump
    /// 10 s and `{` `}` a minute, `+` and `-` change the speed, `g` asks for a time to go to.
    /// The keys that would change the cluster (launch, kill, new app, run a job) say that a
    /// replay is read-only.
    public mutating func handle(_ key: Key, now: Double) -> [ConsoleMessage]? {
        if goingTo != nil { return editGoTo(key, now: now) }
        guard case .character(let character) = key else { return nil }
        let command: ReplayCommand
        switch character {
        case " ", "p": command = .togglePause
        case ".", ">": command = .step(forward: true)
        case ",", "<": command = .step(forward: false)
        case "]": command = .jump(seconds: 10)
        case "[": command = .jump(seconds: -10)
        case "}": command = .jump(seconds: 60)
        case "{": command = .jump(seconds: -60)
        case "+", "=": command = .faster
        case "-": command = .slower
        case "g":
            goingTo = ""
            return [.replay(timeline)]
        case "l", "x", "n", "r":
            return [.notice(Self.readOnly, isError: true)]
        default:
            return nil
        }
        return handle(command, now: now)
    }

    public static let readOnly = "replay is read-only: it shows what happened, and launches, kills and scaling act on a live cluster only"

    private mutating func editGoTo(_ key: Key, now: Double) -> [ConsoleMessage] {
        switch key {
        case .escape:
            goingTo = nil
        case .backspace, .delete:
            _ = goingTo?.popLast()
        case .control("u"):
            goingTo = ""
        case .enter:
            let text = goingTo ?? ""
            goingTo = nil
            guard let target = GoToTime.parse(text, position: position, start: history.start) else {
                return [.notice("Cannot go to '\(text)': type a time of day as the Events pane shows it (14:03:27, UTC) or a step like +30s, -2m", isError: true), .replay(timeline)]
            }
            return handle(.goTo(target), now: now)
        case .character(let character) where (goingTo?.count ?? 0) < 24:
            goingTo?.append(character)
        default:
            break
        }
        return [.replay(timeline)]
    }
}
