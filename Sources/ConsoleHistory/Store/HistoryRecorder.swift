import ConsoleCore
import CorralModel

/// Turns what the console's model is fed into records: a refresh becomes a keyframe every
/// `keyframeInterval` seconds (and first in every segment), a delta from the refresh before
/// otherwise. Services', Jobs' and the waiting launches' latest values ride along in each
/// keyframe, so that replay can start at any keyframe. Pure: the store around it writes.
public struct HistoryRecorder: Sendable {
    public var keyframeInterval: Double
    private var previous: ClusterSnapshot?
    private var lastKeyframe: Time?
    private var context = HistoryRecord.Context()

    public init(keyframeInterval: Double = 30) { self.keyframeInterval = keyframeInterval }

    /// The next refresh is written whole (a new segment must stand on its own).
    public mutating func startKeyframe() { previous = nil }

    /// The record for `message`, or nil for what a history does not keep (keys, ticks,
    /// notices, sandbox tails: the user's own doing, or not the cluster's).
    public mutating func record(_ message: ConsoleMessage, at time: Time) -> HistoryRecord? {
        switch message {
        case .cluster(let snapshot, let events):
            defer { previous = snapshot }
            if let previous, let lastKeyframe, time - lastKeyframe < keyframeInterval {
                return .delta(payload: RefreshLayout.delta(snapshot, against: previous, events: events))
            }
            lastKeyframe = time
            return .keyframe(snapshot, events: events, context: context)
        case .frameworks(let services, let jobs):
            context.frameworks = (services, jobs)
            return .frameworks(services: services, jobs: jobs)
        case .waitingLaunches(let launches):
            context.waiting = launches
            return .waitingLaunches(launches)
        case .explanation(let subject, let answer):
            return .explanation(subject, answer)
        case .key, .tick, .sandbox, .notice, .replay, .rewind, .startTour:
            return nil
        }
    }

    /// Whether `message` is a refresh: segments turn over only before one, so each starts
    /// with a keyframe.
    public static func isRefresh(_ message: ConsoleMessage) -> Bool {
        if case .cluster = message { return true }
        return false
    }
}
