import CorralModel

/// The console's whole state. `update` takes a message and returns the effects to carry out;
/// `ConsoleView` draws it. Both are pure, so tests drive the console with keys and snapshots and
/// compare frames as text.
public struct ConsoleModel: Sendable {
    public enum Mode: Hashable, Sendable {
        case normal
        /// Typing into the focused table's filter.
        case filtering
        case launching(LaunchForm)
        /// The new-app dialog of the Services pane.
        case creatingApp(NewAppForm)
        /// Asking before a kill; `killChosen` is false by default (Cancel is the default).
        case confirmingKill(TaskKey, agentID: AgentID, killChosen: Bool)
        case help
    }

    /// The details screen (Enter on a row).
    public enum Detail: Hashable, Sendable {
        case task(TaskKey)
        case agent(AgentID)
        case framework(FrameworkID)
        /// An app of Services, by id: its instances and deployments.
        case service(String)
        /// A job of Jobs, by name: its runs.
        case job(String)
        /// `w`: the allocator's reasons for a framework or an offer.
        case why(WhySubject)
    }

    public struct Notice: Hashable, Sendable {
        public var text: String
        public var isError: Bool
        public var at: Time
    }

    public static let refreshIntervals: [Double] = [0.25, 0.5, 1, 2, 5, 10]
    static let logLimit = 500
    static let historyLength = 60
    static let flashSeconds = 3.0

    public internal(set) var snapshot: ClusterSnapshot?
    public internal(set) var now: Time
    public var focus: Pane = .tasks
    public var tables: [Pane: TableState]
    public internal(set) var mode: Mode = .normal
    public internal(set) var detail: Detail?
    /// The answer for the open "Why" view, once it has come, and when it was asked.
    public internal(set) var why: WhyPanel?
    /// Subjects asked of the master whose answer has not come: never two questions about one
    /// subject in flight, so answers cannot overtake each other.
    var whyInFlight: Set<WhySubject> = []
    public internal(set) var paused = false
    public internal(set) var refreshInterval: Double
    public let themeNames: [String]
    public internal(set) var themeIndex: Int
    public internal(set) var log: [LogLine] = []
    public internal(set) var flashes: [OfferFlash] = []
    public internal(set) var shareHistory: [FrameworkID: [Double]] = [:]
    public internal(set) var offerRate = 0.0
    public internal(set) var notice: Notice?
    public internal(set) var sandboxTail: (key: TaskKey, stdout: String, stderr: String)?
    /// Services' apps; nil while Services is not running in this cluster.
    public internal(set) var services: [ServiceRow]?
    /// The console's launches that wait for an offer, and since when each has.
    public internal(set) var waiting: [WaitingLaunch] = []
    var waitingSince: [TaskID: Time] = [:]
    /// Jobs' jobs; nil while Jobs is not running in this cluster.
    public internal(set) var jobs: [JobRow]?
    /// Where a replay stands; nil in a live console.
    public internal(set) var replay: ReplayTimeline?
    /// A short label for where the cluster is (embedded, or a master's address).
    public var source: String
    /// The guided tour shown on top of the panes, if one runs (`corral demo --tour`).
    public internal(set) var tour: TourState?
    var offerBook: [OfferID: Offer] = [:]
    var lastOfferCount: (count: Int, time: Time)?
    var pending: (snapshot: ClusterSnapshot, events: [ClusterEvent])?
    /// Services and Jobs as last sent while paused, applied on resume.
    var pendingFrameworks: (services: [ServiceRow]?, jobs: [JobRow]?)?

    public init(now: Time, themeNames: [String], themeIndex: Int = 0, refreshInterval: Double = 1, source: String = "embedded") {
        self.now = now
        self.themeNames = themeNames.isEmpty ? ["default"] : themeNames
        self.themeIndex = min(max(0, themeIndex), max(0, themeNames.count - 1))
        self.refreshInterval = refreshInterval
        self.source = source
        tables = [
            .agents: TableState(sortColumn: 0),
            .frameworks: TableState(sortColumn: 1),
            .tasks: TableState(sortColumn: 7, descending: false),
            .offers: TableState(sortColumn: 4, descending: false),
            .services: TableState(sortColumn: 0),
            .jobs: TableState(sortColumn: 0),
            .events: TableState(sortColumn: 0, descending: true),
        ]
    }

    public var themeName: String { themeNames[themeIndex] }

    public func table(_ pane: Pane) -> TableState { tables[pane] ?? TableState() }
}
