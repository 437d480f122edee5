import ConsoleCore
import ConsoleHistory
import CorralModel

/// `corral record`: a cluster's history written to one file as a console keeps it (the same
/// feed of snapshots and events, the same records), with no screen. Runs until cancelled.
public struct ClusterRecording<Source: ClusterSource>: Sendable {
    public let cluster: Source
    public let path: String
    public var refreshInterval = 1.0
    public var keyframeInterval = HistoryLimits.default.keyframeInterval
    /// How often `run` reports its progress, in seconds.
    public var reportInterval = 10.0

    public struct Progress: Sendable, Equatable {
        public var records: Int
        public var bytes: Int
        /// What the feed said (a lost master, a reconnection), when that is why it reports.
        public var notice: String?
    }

    public init(cluster: Source, path: String) {
        self.cluster = cluster
        self.path = path
    }

    /// Appends to `path` (a new file starts with the history's header) until the task is
    /// cancelled; reports every `reportInterval` seconds, at every notice, and once at the end.
    public func run(report: @escaping @Sendable (Progress) -> Void) async throws {
        let file = try SegmentFile(path: path)
        var recorder = HistoryRecorder(keyframeInterval: keyframeInterval)
        let inbox = ConsoleInbox()
        let controls = ConsoleSession<Source>.Controls(refreshInterval: refreshInterval)
        var records = 0
        let clock = ContinuousClock()
        var reported = clock.now
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [cluster] in await ConsoleSession<Source>.feed(cluster, inbox: inbox, controls: controls) }
            // The feed posts into an inbox, as for the terminal thread; drained a few times a
            // refresh, which is all the precision a history's times need.
            while !Task.isCancelled {
                for message in inbox.drain() {
                    if case .notice(let text, _) = message { report(Progress(records: records, bytes: file.size, notice: text)) }
                    let now = SystemClock().now.wall
                    guard let record = recorder.record(message, at: now) else { continue }
                    do { try file.append(record, at: now.seconds) } catch {
                        report(Progress(records: records, bytes: file.size, notice: "\(error)"))
                        group.cancelAll()
                        return
                    }
                    records += 1
                }
                if clock.now - reported >= .seconds(reportInterval) {
                    reported = clock.now
                    report(Progress(records: records, bytes: file.size))
                }
                try? await Task.sleep(for: .seconds(min(0.25, refreshInterval / 4)))
            }
            group.cancelAll()
        }
        report(Progress(records: records, bytes: file.size))
    }
}
