import CorralMesosJSON
import CorralModel

/// A Chronos job: a command on an ISO 8601 schedule, or after its parents succeed.
///
/// Field names and defaults are Chronos's, so a job posted by a Chronos client reads the same
/// here. Fields Corral does not act on (`container`, `highPriority`, `fetch`, …) are kept in
/// `otherFields` and listed back as they were sent.
public struct JobDefinition: Hashable, Sendable {
    public var name: String
    public var command: String
    /// With a shell, `command` is a `/bin/sh -c` line; without, it is the program and
    /// `arguments` follow it in argv.
    public var shell: Bool
    public var arguments: [String]
    /// `R[n]/<start>/<period>`. An empty start is filled in with the time the job is put, so
    /// the stored schedule means the same after a restart.
    public var schedule: String?
    /// An IANA zone name: places a start written without offset and governs calendar periods.
    public var scheduleTimeZone: String?
    public var parents: [String]
    /// Chronos's "how late a scheduled run may start". Kept and served as Chronos does, and, as
    /// in Chronos 3, not used: missed runs collapse into one catch-up run (`JobsCore.tick`).
    public var epsilon: ISODuration
    /// How many times a failed run is tried again before it counts as an error.
    public var retries: Int
    public var cpus: Double
    public var mem: Double
    public var disk: Double
    public var disabled: Bool
    /// Whether a run may start while another run of the job is still going.
    public var concurrent: Bool
    public var async: Bool
    public var environmentVariables: [EnvironmentVariable]
    public var owner: String
    public var ownerName: String
    public var description: String
    public var runAsUser: String?
    /// `[attribute, EQUALS|LIKE|UNLIKE, value]`, matched against the offer's agent.
    public var constraints: [[String]]
    public var uris: [String]
    /// Chronos fields Corral keeps but does not act on, in the order they were sent.
    public var otherFields: MesosJSONObject

    public init(
        name: String, command: String, shell: Bool = true, arguments: [String] = [], schedule: String? = nil,
        scheduleTimeZone: String? = nil, parents: [String] = [], epsilon: ISODuration = ISODuration(seconds: 60),
        retries: Int = 2, cpus: Double = 0.1, mem: Double = 128, disk: Double = 256, disabled: Bool = false,
        concurrent: Bool = false, async: Bool = false, environmentVariables: [EnvironmentVariable] = [],
        owner: String = "", ownerName: String = "", description: String = "", runAsUser: String? = nil,
        constraints: [[String]] = [], uris: [String] = [], otherFields: MesosJSONObject = MesosJSONObject()
    ) {
        self.name = name
        self.command = command
        self.shell = shell
        self.arguments = arguments
        self.schedule = schedule
        self.scheduleTimeZone = scheduleTimeZone
        self.parents = parents
        self.epsilon = epsilon
        self.retries = retries
        self.cpus = cpus
        self.mem = mem
        self.disk = disk
        self.disabled = disabled
        self.concurrent = concurrent
        self.async = async
        self.environmentVariables = environmentVariables
        self.owner = owner
        self.ownerName = ownerName
        self.description = description
        self.runAsUser = runAsUser
        self.constraints = constraints
        self.uris = uris
        self.otherFields = otherFields
    }
}
