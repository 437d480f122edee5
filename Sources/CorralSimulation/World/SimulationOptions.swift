import CorralModel

/// What one simulated run does: its seed, how long faults are injected, how often each kind
/// happens, and (to show that the checks catch bugs) a bug planted on purpose.
public struct SimulationOptions: Sendable, Hashable {
    public var seed: UInt64
    /// Virtual seconds of faults; the run then heals everything and checks that it converges.
    public var faultSeconds: Double = 120
    public var agents = 3
    public var faults = FaultRates()
    public var plantedBug: PlantedBug?
    /// How many of the last trace lines a failure prints.
    public var traceTail = 80

    public init(seed: UInt64, faultSeconds: Double = 120, plantedBug: PlantedBug? = nil) {
        self.seed = seed
        self.faultSeconds = faultSeconds
        self.plantedBug = plantedBug
    }
}

/// How often the network and the processes misbehave while faults are on.
public struct FaultRates: Sendable, Hashable {
    /// Each request (agent → master, framework → master) is lost with this probability; a
    /// message on a stream that is lost breaks its connection, as a reset would.
    public var drop = 0.01
    /// Each request arrives twice with this probability (a client retried after a lost reply).
    public var duplicate = 0.02
    /// Latency of a message: usually a few milliseconds, sometimes up to `slowLatency`.
    public var latency = 0.001...0.02
    public var slowProbability = 0.03
    public var slowLatency = 0.05...2.0
    /// Mean virtual seconds between injected process faults (crashes, partitions, task crashes).
    public var meanSecondsBetweenFaults = 6.0

    public init() {}
}

/// Bugs the simulation must catch, planted where the real code could have them.
public enum PlantedBug: String, Sendable, Hashable, CaseIterable {
    /// The framework driver forgets to acknowledge TASK_KILLED updates: their agents resend
    /// them for ever, and "every terminal status is acknowledged" must fail.
    case droppedAcknowledgement = "dropped-ack"
}
