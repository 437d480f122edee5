import CorralModel

/// A task the console's framework holds until an offer fits it. The master has not heard of it
/// yet, so without this the Tasks pane showed nothing at all while every offer was declined.
public struct WaitingLaunch: Hashable, Sendable {
    public var taskID: TaskID
    public var name: String
    public var cpus: Double
    public var mem: Double

    public init(taskID: TaskID, name: String, cpus: Double, mem: Double) {
        self.taskID = taskID
        self.name = name
        self.cpus = cpus
        self.mem = mem
    }

    /// How the Tasks pane keys it: apart from every `framework/task` key of the master's tasks.
    var rowKey: String { "waiting/\(taskID)" }
}

/// Why a launch of `cpus` and `mem` (MB) waits, read from the agents' books: pure, so the
/// console can say it at once and tests can check every sentence.
public enum LaunchFit {
    /// A sentence when no agent, even empty, could ever hold the launch; nil when one could
    /// (or when there are no agents yet to judge by).
    public static func neverFits(cpus: Double, mem: Double, agents: [AgentSnapshot]) -> String? {
        guard !agents.isEmpty else { return nil }
        if agents.contains(where: { $0.total.cpus >= cpus && $0.total.mem >= mem }) { return nil }
        let mostCpus = agents.map(\.total.cpus).max() ?? 0
        let mostMem = agents.map(\.total.mem).max() ?? 0
        // Short enough for the launch dialog's error line.
        return "No agent can ever hold \(Format.cpusAsked(cpus)) cpus and \(Format.megabytes(mem)) "
            + "(at most \(Format.cpusAsked(mostCpus)) cpus, \(Format.megabytes(mostMem)))"
    }

    /// Why the launch has not happened yet: which agent comes closest and what it is short of.
    public static func reason(cpus: Double, mem: Double, agents: [AgentSnapshot]) -> String {
        let active = agents.filter(\.active)
        guard !active.isEmpty else { return "no agent is registered and active" }
        if let never = neverFits(cpus: cpus, mem: mem, agents: active) { return never }
        let shortages = active.map { agent in
            let free = (cpus: agent.total.cpus - agent.used.cpus - agent.offered.cpus, mem: agent.total.mem - agent.used.mem - agent.offered.mem)
            return (agent: agent, cpus: max(0, cpus - free.cpus), mem: max(0, mem - free.mem), free: free)
        }
        if let roomy = shortages.first(where: { $0.cpus <= 1e-9 && $0.mem <= 1e-9 }) {
            return "\(Format.shortID(roomy.agent.id.value)) has room for it; waiting for its resources to be offered to the console"
        }
        // The agent short of the least, as a fraction of what the launch asks for.
        let closest = shortages.min { lhs, rhs in
            lhs.cpus / max(cpus, 1e-9) + lhs.mem / max(mem, 1e-9) < rhs.cpus / max(cpus, 1e-9) + rhs.mem / max(mem, 1e-9)
        }
        guard let closest else { return "no agent has room for it" }
        var short: [String] = []
        if closest.cpus > 1e-9 { short.append("\(Format.cpusAsked(closest.cpus)) cpus") }
        if closest.mem > 1e-9 { short.append(Format.megabytes(closest.mem)) }
        return "no agent has \(Format.cpusAsked(cpus)) cpus and \(Format.megabytes(mem)) free; the closest, "
            + "\(Format.shortID(closest.agent.id.value)), is short of \(short.joined(separator: " and ")) until its tasks end"
    }
}
