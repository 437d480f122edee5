import ConsoleCore
import CorralModel

/// One record of a history: a message the console's model was fed, as written. A refresh of the
/// cluster is a keyframe (the whole snapshot, and what Services, Jobs and the waiting launches
/// were at that moment, so that replay can start there) or a delta from the refresh before,
/// both laid out as `RefreshLayout` says.
public enum HistoryRecord: Equatable, Sendable {
    /// Read from a `keyframe` record or from an earlier history's `legacyKeyframe`.
    case keyframe(ClusterSnapshot, events: [ClusterEvent], context: Context)
    /// The delta is kept encoded: it means something only against the snapshot before it.
    case delta(payload: [UInt8])
    /// An earlier history's delta: `SnapshotDelta`, then the events.
    case legacyDelta(payload: [UInt8])
    case frameworks(services: [ServiceRow]?, jobs: [JobRow]?)
    case waitingLaunches([WaitingLaunch])
    case explanation(WhySubject, Why)

    /// The other messages' latest values at a keyframe.
    public struct Context: Equatable, Sendable {
        public var frameworks: (services: [ServiceRow]?, jobs: [JobRow]?)?
        public var waiting: [WaitingLaunch]?

        public init(frameworks: (services: [ServiceRow]?, jobs: [JobRow]?)? = nil, waiting: [WaitingLaunch]? = nil) {
            self.frameworks = frameworks
            self.waiting = waiting
        }

        public static func == (lhs: Context, rhs: Context) -> Bool {
            lhs.frameworks?.services == rhs.frameworks?.services && lhs.frameworks?.jobs == rhs.frameworks?.jobs
                && (lhs.frameworks == nil) == (rhs.frameworks == nil) && lhs.waiting == rhs.waiting
        }
    }

    /// Kinds 1 and 2 are refreshes as histories before `RefreshLayout` wrote them: read, never
    /// written.
    public enum Kind: UInt8, Sendable, CaseIterable {
        case legacyKeyframe = 1, legacyDelta, frameworks, waitingLaunches, explanation, keyframe, delta
    }

    public var kind: Kind {
        switch self {
        case .keyframe: .keyframe
        case .delta: .delta
        case .legacyDelta: .legacyDelta
        case .frameworks: .frameworks
        case .waitingLaunches: .waitingLaunches
        case .explanation: .explanation
        }
    }

    public var payload: [UInt8] {
        var writer = ByteWriter()
        switch self {
        case .keyframe(let snapshot, let events, let context):
            return RefreshLayout.keyframe(snapshot, events: events, context: context)
        case .delta(let payload), .legacyDelta(let payload):
            return payload
        case .frameworks(let services, let jobs):
            writer.frameworks(services, jobs)
        case .waitingLaunches(let launches):
            writer.values(launches)
        case .explanation(let subject, let answer):
            writer.value(subject)
            writer.value(answer)
        }
        return writer.bytes
    }

    public init(kind: Kind, payload: [UInt8], range: Range<Int>? = nil) throws(HistoryFormatError) {
        var reader = ByteReader(payload, range: range)
        try self.init(kind: kind, payload: &reader)
    }

    init(kind: Kind, payload reader: inout ByteReader) throws(HistoryFormatError) {
        switch kind {
        case .keyframe:
            let (snapshot, events, context) = try RefreshLayout.readKeyframe(&reader, whole: true)
            self = .keyframe(snapshot, events: events, context: context)
        case .legacyKeyframe:
            let snapshot: ClusterSnapshot = try reader.value()
            let events: [ClusterEvent] = try reader.values("events")
            let frameworks = try reader.optional("Services and Jobs") { reader throws(HistoryFormatError) in try reader.frameworks() }
            let waiting = try reader.optional("waiting launches") { reader throws(HistoryFormatError) in try reader.values("waiting launches", WaitingLaunch.self) }
            self = .keyframe(snapshot, events: events, context: Context(frameworks: frameworks, waiting: waiting))
        case .delta:
            self = .delta(payload: reader.rest())
            return
        case .legacyDelta:
            self = .legacyDelta(payload: reader.rest())
            return
        case .frameworks:
            let (services, jobs) = try reader.frameworks()
            self = .frameworks(services: services, jobs: jobs)
        case .waitingLaunches:
            self = .waitingLaunches(try reader.values("waiting launches"))
        case .explanation:
            self = .explanation(try reader.value(), try reader.value())
        }
        guard reader.isAtEnd else { throw HistoryFormatError("\(reader.remaining) bytes left over after a \(kind) record") }
    }
}

extension ByteWriter {
    mutating func frameworks(_ services: [ServiceRow]?, _ jobs: [JobRow]?) {
        optional(services) { $0.values($1) }
        optional(jobs) { $0.values($1) }
    }
}

extension ByteReader {
    mutating func frameworks() throws(HistoryFormatError) -> (services: [ServiceRow]?, jobs: [JobRow]?) {
        let services = try optional("Services' apps") { reader throws(HistoryFormatError) in try reader.values("apps", ServiceRow.self) }
        let jobs = try optional("Jobs' jobs") { reader throws(HistoryFormatError) in try reader.values("jobs", JobRow.self) }
        return (services, jobs)
    }
}
