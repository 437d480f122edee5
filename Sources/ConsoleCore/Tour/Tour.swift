import CorralModel

/// A guided tour: steps an audience walks through one at a time, each with a caption that says
/// what to watch and where, and what the step does to the cluster. Tours are plain files (see
/// `TourParser`), so a team can write its own.
public struct Tour: Hashable, Sendable {
    public var title: String
    /// The agents the tour's cluster starts with, one per entry, with these resources (none:
    /// the console's usual agents).
    public var agents: [Resources]
    public var steps: [TourStep]

    public init(title: String, agents: [Resources] = [], steps: [TourStep]) {
        self.title = title
        self.agents = agents
        self.steps = steps
    }
}

public struct TourStep: Hashable, Sendable {
    public var title: String
    /// One or two sentences: what to watch, and which pane shows it.
    public var caption: String
    /// The pane the step puts the focus on.
    public var focus: Pane?
    /// What the step does to the cluster when the audience first reaches it.
    public var actions: [TourAction]

    public init(title: String, caption: String = "", focus: Pane? = nil, actions: [TourAction] = []) {
        self.title = title
        self.caption = caption
        self.focus = focus
        self.actions = actions
    }
}

/// What a step does to the live cluster.
public enum TourAction: Hashable, Sendable {
    /// A framework that launches up to `count` tasks of `task`, one per offer, declining the
    /// rest of each offer for no time: so each task goes to whoever DRF puts first, as in the
    /// DRF paper's example. A `suppressed` one subscribes asking for no offers until it revives.
    case framework(name: String, role: String, task: Resources, count: Int, command: String, suppressed: Bool)
    case weight(role: String, weight: Double)
    /// The framework declines every offer for `seconds`: a refuse filter to watch.
    case decline(framework: String, seconds: Double)
    case suppress(framework: String)
    case revive(framework: String)
    case teardown(framework: String)
    /// An app of Services, as the new-app dialog makes one, with its launch backoff if given.
    case app(NewAppSpec, backoffSeconds: Double?)
    /// A job of Jobs: on a schedule, or after its parents.
    case job(TourJob)
    /// The agent of the tour's `agent` line at this place (from 1: the first line's) stops,
    /// its tasks with it. Lines, not the Agents pane's rows: those sort and shift as agents go.
    case killAgent(Int)
    /// The console replays, in place, what it recorded since the tour began (nil) or since this
    /// many seconds ago; a tour key returns to the live cluster.
    case replay(seconds: Double?)

    /// Whether the tour's director carries the action out on the cluster; a replay is the
    /// console's own, and changes nothing, so it may run again on every visit of its step.
    public var changesTheCluster: Bool {
        if case .replay = self { return false }
        return true
    }
}

public struct TourJob: Hashable, Sendable {
    public var name: String
    public var command: String
    /// An ISO 8601 repeating interval (`R//PT20S`), or nil for a job run after its parents.
    public var schedule: String?
    public var parents: [String]

    public init(name: String, command: String, schedule: String? = nil, parents: [String] = []) {
        self.name = name
        self.command = command
        self.schedule = schedule
        self.parents = parents
    }
}
