import ConsoleCore
import CorralModel

/// A replay as a state machine: which moment of the history is shown, how fast it moves and
/// whether it plays. It takes the time (`now`, seconds of a monotonic clock) as an input and
/// returns the messages to feed the console's model, in the order and with the ticks the live
/// console had; `nextDeadline` says when it next has something to feed. No clock, no I/O.
public struct ReplayCore: Sendable {
    public static let speeds: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16]

    public let history: History
    /// How much history before a jump's target is fed again, so that the Events pane, the share
    /// sparklines and the offer rate look as they did (the sparklines keep 60 refreshes).
    public var warmup: Double
    public private(set) var position: Time
    public private(set) var speed: Double = 1
    public private(set) var paused: Bool
    /// What the user has typed into "go to time", while that dialog is open.
    public internal(set) var goingTo: String?
    private var cursor: HistoryCursor
    /// Where the replay resumed playing: `position` is `anchor.position` plus the time since
    /// `anchor.wall`, times the speed.
    private var anchor: (wall: Double, position: Time)
    private var shownSecond: Double?

    public init(history: History, now: Double, paused: Bool = false, warmup: Double = 60) {
        self.history = history
        self.warmup = warmup
        self.paused = paused
        position = history.start
        cursor = HistoryCursor(history: history, from: 0)
        anchor = (now, history.start)
    }

    /// How many records the model has been fed: `history.entries[..<applied]`.
    public var applied: Int { cursor.next }

    public var timeline: ReplayTimeline {
        ReplayTimeline(start: history.start, end: history.end, position: position, speed: speed, paused: paused, goingTo: goingTo)
    }

    /// Moves the shown moment on to `now` while playing; stops at the end of the history.
    public mutating func advance(now: Double) -> [ConsoleMessage] {
        var target = position
        if !paused {
            target = anchor.position + (now - anchor.wall) * speed
            if target >= history.end {
                target = history.end
                paused = true
            }
        }
        let fed = feed(upTo: target)
        position = max(position, target)
        return finish(fed, force: false)
    }

    /// When `advance` next has a record to feed or a second to show; nil while paused.
    public func nextDeadline() -> Double? {
        guard !paused else { return nil }
        let nextRecord = cursor.isAtEnd ? history.end : history.entries[cursor.next].time
        let nextSecond = Time(seconds: (position.seconds + 1).rounded(.down))
        let due = min(nextRecord, nextSecond, history.end)
        return anchor.wall + max(0, due - anchor.position) / speed
    }

    public mutating func handle(_ command: ReplayCommand, now: Double) -> [ConsoleMessage] {
        var messages = advance(now: now)
        switch command {
        case .togglePause:
            if paused, position >= history.end { messages += rebuild(to: history.start) }
            paused.toggle()
        case .step(let forward):
            paused = true
            messages += forward ? stepForward() : stepBack()
        case .jump(let seconds):
            messages += jump(to: position + seconds)
        case .goTo(let time):
            messages += jump(to: time)
        case .faster:
            speed = Self.speeds.first { $0 > speed } ?? speed
        case .slower:
            speed = Self.speeds.last { $0 < speed } ?? speed
        }
        anchor = (now, position)
        return finish(messages, force: true)
    }

    /// Forward by feeding what lies between; back (or far forward) by feeding the history
    /// again from the keyframe before the target, less `warmup`.
    mutating func jump(to requested: Time) -> [ConsoleMessage] {
        let target = min(max(requested, history.start), history.end)
        defer { position = target }
        if target >= position, target - position <= warmup { return feed(upTo: target) }
        return rebuild(to: target)
    }

    private mutating func rebuild(to target: Time) -> [ConsoleMessage] {
        let first = history.firstEntry(after: target + -warmup)
        cursor = HistoryCursor(from: history.keyframe(atOrBefore: first) ?? 0, after: cursor)
        position = target
        return [.rewind] + feed(upTo: target)
    }

    /// To the next refresh of the cluster, with whatever came before it.
    private mutating func stepForward() -> [ConsoleMessage] {
        guard let next = history.entries[applied...].firstIndex(where: { $0.kind.isRefresh }) else { return [] }
        position = history.entries[next].time
        return feed(upTo: position)
    }

    /// To the refresh before the one shown.
    private mutating func stepBack() -> [ConsoleMessage] {
        let shown = history.entries[..<applied].lastIndex { $0.kind.isRefresh }
        guard let shown, let before = history.entries[..<shown].lastIndex(where: { $0.kind.isRefresh }) else { return [] }
        return rebuild(to: history.entries[before].time)
    }

    /// Every record up to `target`, each after a tick to its time (the live console ticked its
    /// clock before feeding what it drained).
    /// Only the last refresh comes whole: the model shows that one, and from those before it
    /// keeps only what `HistoryCursor.read(light:)` leaves in. Only from the keyframe before it
    /// are the tasks rebuilt at all.
    private mutating func feed(upTo target: Time) -> [ConsoleMessage] {
        let end = history.firstEntry(after: target)
        let shown = cursor.next < end ? history.entries[cursor.next..<end].lastIndex { $0.kind.isRefresh } : nil
        let wholeFrom = shown.flatMap { history.keyframe(atOrBefore: $0) } ?? 0
        var messages: [ConsoleMessage] = []
        while !cursor.isAtEnd, cursor.next < end {
            messages.append(.tick(now: history.entries[cursor.next].time))
            messages += cursor.read(light: cursor.next != shown, wholeFrom: wholeFrom)
        }
        return messages
    }

    /// The messages, then the clock and the timeline when anything is new or a second passed.
    private mutating func finish(_ messages: [ConsoleMessage], force: Bool) -> [ConsoleMessage] {
        let second = position.seconds.rounded(.down)
        guard force || !messages.isEmpty || second != shownSecond else { return [] }
        shownSecond = second
        return messages + [.tick(now: position), .replay(timeline)]
    }
}

/// What the user asks of a replay.
public enum ReplayCommand: Equatable, Sendable {
    case togglePause
    /// One refresh of the cluster forward or back; pauses.
    case step(forward: Bool)
    /// By this many seconds (negative: back).
    case jump(seconds: Double)
    case goTo(Time)
    case faster, slower
}

extension HistoryRecord.Kind {
    /// A refresh of the cluster: what a step moves by.
    public var isRefresh: Bool { isKeyframe || self == .delta || self == .legacyDelta }

    public var isKeyframe: Bool { self == .keyframe || self == .legacyKeyframe }
}
