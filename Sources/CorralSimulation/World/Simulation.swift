import CorralAgent
import CorralMaster
import CorralModel

/// A deterministic simulation of a whole cluster: the master's, the agents' and the
/// frameworks' pure cores on virtual time, over a network that delays, drops, duplicates and
/// partitions messages, with processes that crash and restart from what they persisted.
///
/// A run is a pure function of its seed: every choice comes from one `SeededRandom`, every
/// tie in time is broken by the order events were scheduled, and nothing reads a clock.
/// Safety invariants are checked after every step, convergence once the faults stop.
public final class Simulation {
    let options: SimulationOptions
    var random: SeededRandom
    var now: Time
    let start: Time
    var queue = EventQueue<SimEvent>()
    var network = SimNetwork()
    var trace: SimulationTrace
    var master: MasterNode
    var agents: [AgentNode] = []
    var hosts: [SimHost] = []
    var frameworks: [FrameworkNode] = []
    var violations: [String] = []
    var launched: Set<TaskKey> = []
    var faultsInjected = 0
    var phase: SimPhase?
    var finished = false
    var converged = false
    var convergeBy = Time.zero
    /// `now` as an instant of a clock that started with the simulation (its wall never jumps).
    var instant: ClusterInstant { ClusterInstant(offset: .clampedSeconds(now - start), wall: now) }
    /// Fairness samples that found the batch frameworks more than one task apart.
    var unfairSamples: [String] = []

    public init(options: SimulationOptions, echo: (@Sendable (String) -> Void)? = nil) {
        self.options = options
        self.random = SeededRandom(seed: options.seed)
        // A fixed date, so that ISO 8601 schedules and app versions read as real ones.
        self.start = Time(seconds: 1_800_000_000)
        self.now = start
        self.trace = SimulationTrace(tailLimit: options.traceTail)
        self.trace.echo = echo
        self.master = MasterNode(registry: RegistryState(clusterID: "sim-\(options.seed)"))
        for index in 1...max(1, options.agents) {
            agents.append(AgentNode(index: index))
            hosts.append(SimHost())
        }
        frameworks = SimFrameworks.make(random: &random, now: instant)
    }

    /// Runs to the end and says what was found.
    public func run() -> SimulationReport {
        startMaster()
        for index in agents.indices { startAgent(index) }
        for index in frameworks.indices { startFramework(index) }
        schedule(.fault, after: nextFaultDelay())
        schedule(.phase(.calm), after: options.faultSeconds)
        while !finished, violations.isEmpty, let (time, event) = queue.next() {
            now = time
            handle(event)
        }
        return report()
    }

    func schedule(_ event: SimEvent, after delay: Double) {
        queue.schedule(event, at: now + max(0, delay))
    }

    func log(_ who: String, _ what: String) {
        trace.record("[\(Self.format(now - start))] \(who): \(what)")
    }

    func violation(_ text: String) {
        log("CHECK", "violated: \(text)")
        violations.append(text)
    }

    private func handle(_ event: SimEvent) {
        switch event {
        case .deliver(let envelope): deliver(envelope)
        case .linkLost(let node, let connection): linkLost(node, connection)
        case .masterTick(let incarnation): masterTick(incarnation)
        case .masterAllocate(let incarnation): masterAllocate(incarnation)
        case .agentDeadline(let index, let incarnation): agentDeadline(index, incarnation)
        case .agentPing(let index, let incarnation): agentPing(index, incarnation)
        case .agentConnect(let index, let incarnation): agentConnectTimer(index, incarnation)
        case .agentRegistrationTimeout(let index, let connection): agentRegistrationTimeout(index, connection)
        case .frameworkTick(let index, let incarnation): frameworkTick(index, incarnation)
        case .frameworkConnect(let index, let incarnation): frameworkConnectTimer(index, incarnation)
        case .frameworkSubscribeTimeout(let index, let connection): frameworkSubscribeTimeout(index, connection)
        case .containerEnds(let agent, let containerID, let termination):
            containerEnds(agent: agent, containerID: containerID, termination)
        case .fault: injectFault()
        case .breakLink(let connection):
            if let client = network.links[connection]?.client, network.partitioned.contains(client) { breakConnection(connection) }
        case .restart(let node): restart(node)
        case .heal(let node): heal(node)
        case .phase(let phase): enter(phase)
        }
    }

    /// Virtual seconds since the start, to the millisecond.
    static func format(_ seconds: Double) -> String {
        let millis = Int((seconds * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }

    func uniform(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &random) }
    func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &random) < probability }
    func derivedSeed() -> UInt64 { random.next() }
}
