import CorralModel
import Logging

/// The scheduler driver's whole logic as a value, beside the master's and the agent's: `handle`
/// takes an event and the time and returns what must happen, in order; `nextDeadline` says when
/// it next needs a `.tick`. It performs no I/O and reads no clock, so a test runs reconnect
/// backoff and reconciliation on virtual time, and the simulation can hold one per framework.
///
/// The `SchedulerDriver` actor carries the actions out: it subscribes through its transport,
/// sends calls, calls the `Scheduler`, and feeds back what comes of each.
public struct SchedulerDriverCore: Sendable {
    public struct Configuration: Hashable, Sendable {
        /// Roles the framework subscribes with suppressed: no offers for them until it revives.
        public var suppressedRoles: [String]
        /// Whether the driver acknowledges each update that has a uuid once the scheduler has it.
        public var implicitAcknowledgements: Bool
        /// Whether a lost connection is worth subscribing again over (the transport's `reconnects`).
        public var reconnects: Bool
        public var reconciliation: ReconciliationPolicy

        public init(
            suppressedRoles: [String] = [], implicitAcknowledgements: Bool = true, reconnects: Bool,
            reconciliation: ReconciliationPolicy = ReconciliationPolicy()
        ) {
            self.suppressedRoles = suppressedRoles
            self.implicitAcknowledgements = implicitAcknowledgements
            self.reconnects = reconnects
            self.reconciliation = reconciliation
        }
    }

    public enum Event: Hashable, Sendable {
        /// `run()` began: the first subscription goes out.
        case start
        /// The transport opened the subscription's stream; SUBSCRIBED is yet to come on it.
        case connected
        /// An event from the master, in the order the stream delivered it.
        case received(SchedulerEvent)
        /// The master closed the stream.
        case closed
        /// Subscribing failed, or the stream did, for this reason.
        case failed(String)
        /// The master would not take the subscription (credentials, roles): asking again cannot help.
        case refused(String)
        /// The scheduler's answer to `.askKnownTasks`.
        case knownTasks([ReconcileTask])
        /// A call of the scheduler's (launch, kill, decline, …).
        case call(SchedulerCall)
        case stop(teardown: Bool)
        case tick
    }

    public enum Action: Hashable, Sendable {
        /// Subscribe after waiting this long: zero at the start, the backoff after a loss.
        case subscribe(FrameworkInfo, suppressedRoles: [String], after: Duration)
        case send(SchedulerCall, FrameworkID)
        /// Hand the scheduler this event of the master's.
        case tell(SchedulerEvent)
        /// Tell the scheduler the connection was lost; a subscription follows.
        case tellDisconnected
        /// Ask the scheduler which tasks it had before this process; the answer comes back as
        /// `.knownTasks`.
        case askKnownTasks
        /// The scheduler's call cannot go out: the call throws this.
        case reject(SchedulerDriverError)
        case log(Logger.Level, String)
        /// The driver is done: `run()` ends.
        case end(Ending)
    }

    public enum Ending: Hashable, Sendable {
        /// `stop()`, or a master that closed the stream over a transport that does not reconnect.
        case stopped
        /// The master refused the framework (an ERROR event, or a refused subscription).
        case refused(String)
        /// The master cannot be reached over a transport that does not reconnect: `run()` throws.
        case unreachable(String)
    }

    /// The first wait before subscribing again after a loss; it doubles with every further loss.
    public static let firstReconnectDelay: Duration = .milliseconds(500)
    public static let maximumReconnectDelay: Duration = .seconds(10)

    public let configuration: Configuration
    /// The framework as it subscribes: with the ID the master gave, once SUBSCRIBED came.
    public internal(set) var framework: FrameworkInfo
    /// The tasks the framework has, as far as the driver knows: launched through it, heard of,
    /// or named by the scheduler after a restart, until an update says they ended.
    public internal(set) var tasks = TaskTracker()
    public internal(set) var ending: Ending?
    var started = false
    /// How long the next subscription waits; back to zero once a stream opens.
    var reconnectDelay: Duration = .zero
    /// This subscription's reconciliation; nil while the framework is not subscribed.
    var reconciliation: ReconciliationSchedule?

    public init(framework: FrameworkInfo, configuration: Configuration) {
        self.framework = framework
        self.configuration = configuration
    }

    public mutating func handle(_ event: Event, now: ClusterInstant) -> [Action] {
        // A call goes out whenever the master is known, even after the end: a framework that
        // stopped its driver may still kill what it launched.
        if case .call(let call) = event { return self.call(call, now: now) }
        guard ending == nil else { return [] }
        switch event {
        case .start:
            guard !started else { return [] }
            started = true
            return [.subscribe(framework, suppressedRoles: configuration.suppressedRoles, after: .zero)]
        case .connected:
            reconnectDelay = .zero
            return []
        case .received(let event):
            return received(event, now: now)
        case .closed:
            return lost(reason: nil)
        case .failed(let reason):
            return lost(reason: reason)
        case .refused(let message):
            return end(.refused(message), telling: .error(message))
        case .knownTasks(let known):
            tasks.adopt(known)
            return reconcile { $0.begin(with: $1, now: now) }
        case .stop(let teardown):
            let goodbye: [Action] = teardown ? framework.id.map { [.send(.teardown, $0)] } ?? [] : []
            return goodbye + end(.stopped, telling: nil)
        case .tick:
            return reconcile { $0.due(with: $1, now: now) }
        case .call:
            return []  // answered above, before the end is checked
        }
    }

    /// When the core next needs a `.tick`: a reconciliation to retry or to repeat.
    public var nextDeadline: ClusterInstant? { ending == nil ? reconciliation?.deadline : nil }

    /// Whether SUBSCRIBED came on the stream the driver reads now.
    public var isSubscribed: Bool { ending == nil && reconciliation != nil }

    /// The master's ERROR message, when it refused the framework and so ended the driver.
    public var refusal: String? {
        if case .refused(let message) = ending { message } else { nil }
    }

    /// Ended by `stop()`, a refusal, or a master gone for good — not by a failure `run()` throws.
    public var isStopped: Bool {
        switch ending {
        case .stopped, .refused: true
        case .unreachable, nil: false
        }
    }

    private mutating func call(_ call: SchedulerCall, now: ClusterInstant) -> [Action] {
        guard let id = framework.id else { return [.reject(.notSubscribed)] }
        tasks.sent(call, at: now)
        return [.send(call, id)]
    }

    mutating func end(_ ending: Ending, telling event: SchedulerEvent?) -> [Action] {
        self.ending = ending
        reconciliation = nil
        return (event.map { [.tell($0)] } ?? []) + [.end(ending)]
    }

    /// Runs a step of the reconciliation schedule and sends the calls it makes.
    private mutating func reconcile(_ step: (inout ReconciliationSchedule, TaskTracker) -> [[ReconcileTask]]) -> [Action] {
        guard var schedule = reconciliation, let id = framework.id else { return [] }
        let asks = step(&schedule, tasks)
        reconciliation = schedule
        return asks.flatMap { tasks -> [Action] in
            let note: [Action] = tasks.isEmpty ? [] : [.log(.info, "reconciling \(tasks.count) task(s)")]
            return [.send(.reconcile(tasks), id)] + note
        }
    }
}
