/// A Marathon app definition: what Services keeps running. Decoded from Marathon's REST JSON
/// (camelCase keys); fields left out take Marathon's defaults.
public struct AppDefinition: Hashable, Sendable, Codable {
    public struct HealthCheck: Hashable, Sendable, Codable {
        public var `protocol`: String = "HTTP"
        public var path: String?
        public var portIndex: Int?
        public var port: Int?
        public var command: Command?
        public var gracePeriodSeconds: Double = 300
        public var intervalSeconds: Double = 60
        public var timeoutSeconds: Double = 20
        public var maxConsecutiveFailures: Int = 3

        public struct Command: Hashable, Sendable, Codable {
            public var value: String

            public init(value: String) { self.value = value }
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let defaults = HealthCheck()
            `protocol` = try container.decodeIfPresent(String.self, forKey: .protocol) ?? defaults.protocol
            path = try container.decodeIfPresent(String.self, forKey: .path)
            portIndex = try container.decodeIfPresent(Int.self, forKey: .portIndex)
            port = try container.decodeIfPresent(Int.self, forKey: .port)
            command = try container.decodeIfPresent(Command.self, forKey: .command)
            gracePeriodSeconds = try container.decodeIfPresent(Double.self, forKey: .gracePeriodSeconds) ?? defaults.gracePeriodSeconds
            intervalSeconds = try container.decodeIfPresent(Double.self, forKey: .intervalSeconds) ?? defaults.intervalSeconds
            timeoutSeconds = try container.decodeIfPresent(Double.self, forKey: .timeoutSeconds) ?? defaults.timeoutSeconds
            maxConsecutiveFailures = try container.decodeIfPresent(Int.self, forKey: .maxConsecutiveFailures) ?? defaults.maxConsecutiveFailures
        }

        public init() {}

        /// A COMMAND check: healthy while `command` exits 0.
        public static func command(
            _ command: String, gracePeriodSeconds: Double, intervalSeconds: Double, timeoutSeconds: Double, maxConsecutiveFailures: Int = 3
        ) -> HealthCheck {
            var check = HealthCheck()
            check.protocol = "COMMAND"
            check.command = Command(value: command)
            check.gracePeriodSeconds = gracePeriodSeconds
            check.intervalSeconds = intervalSeconds
            check.timeoutSeconds = timeoutSeconds
            check.maxConsecutiveFailures = maxConsecutiveFailures
            return check
        }
    }

    public struct PortDefinition: Hashable, Sendable, Codable {
        public var port: Int = 0
        public var name: String?
        public var `protocol`: String?
        /// Reach the instances' tasks as labels of their DiscoveryInfo ports.
        public var labels: [String: String]?

        public init(port: Int = 0, name: String? = nil, protocol: String? = nil, labels: [String: String]? = nil) {
            self.port = port
            self.name = name
            self.protocol = `protocol`
            self.labels = labels
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            port = try container.decodeIfPresent(Int.self, forKey: .port) ?? 0
            name = try container.decodeIfPresent(String.self, forKey: .name)
            `protocol` = try container.decodeIfPresent(String.self, forKey: .protocol)
            labels = try container.decodeIfPresent([String: String].self, forKey: .labels)
        }
    }

    public struct Strategy: Hashable, Sendable, Codable {
        public var minimumHealthCapacity: Double = 1
        public var maximumOverCapacity: Double = 1

        public init() {}

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            minimumHealthCapacity = try container.decodeIfPresent(Double.self, forKey: .minimumHealthCapacity) ?? 1
            maximumOverCapacity = try container.decodeIfPresent(Double.self, forKey: .maximumOverCapacity) ?? 1
        }
    }

    public var id: String
    public var cmd: String?
    public var args: [String]?
    public var cpus: Double = 1
    public var mem: Double = 128
    public var disk: Double = 0
    public var instances: Int = 1
    public var env: [String: String] = [:]
    public var labels: [String: String] = [:]
    public var constraints: [[String]] = []
    public var healthChecks: [HealthCheck] = []
    public var readinessChecks: [ReadinessCheck] = []
    public var portDefinitions: [PortDefinition]?
    public var ports: [Int]?
    public var backoffSeconds: Double = 1
    public var backoffFactor: Double = 1.15
    public var maxLaunchDelaySeconds: Double = 300
    public var upgradeStrategy: Strategy = Strategy()
    public var unreachableStrategy: UnreachableStrategy = .marathonDefault
    public var taskKillGracePeriodSeconds: Double?
    /// The user instances run as (Marathon's `user`); nil: the framework's.
    public var user: String?
    /// Apps or groups (their paths) this app starts after, in a deployment: absolute once
    /// Services holds the app, relative to its group as a client may send them.
    public var dependencies: [String] = []

    public init(id: String, cmd: String? = nil, instances: Int = 1) {
        self.id = id
        self.cmd = cmd
        self.instances = instances
    }

    /// Lenient on what is missing (Marathon's defaults), strict on types.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = AppDefinition(id: "")
        id = try container.decode(String.self, forKey: .id)
        cmd = try container.decodeIfPresent(String.self, forKey: .cmd)
        args = try container.decodeIfPresent([String].self, forKey: .args)
        cpus = try container.decodeIfPresent(Double.self, forKey: .cpus) ?? defaults.cpus
        mem = try container.decodeIfPresent(Double.self, forKey: .mem) ?? defaults.mem
        disk = try container.decodeIfPresent(Double.self, forKey: .disk) ?? defaults.disk
        instances = try container.decodeIfPresent(Int.self, forKey: .instances) ?? defaults.instances
        env = try container.decodeIfPresent([String: String].self, forKey: .env) ?? [:]
        labels = try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        constraints = try container.decodeIfPresent([[String]].self, forKey: .constraints) ?? []
        healthChecks = try container.decodeIfPresent([HealthCheck].self, forKey: .healthChecks) ?? []
        readinessChecks = try container.decodeIfPresent([ReadinessCheck].self, forKey: .readinessChecks) ?? []
        portDefinitions = try container.decodeIfPresent([PortDefinition].self, forKey: .portDefinitions)
        ports = try container.decodeIfPresent([Int].self, forKey: .ports)
        backoffSeconds = try container.decodeIfPresent(Double.self, forKey: .backoffSeconds) ?? defaults.backoffSeconds
        backoffFactor = try container.decodeIfPresent(Double.self, forKey: .backoffFactor) ?? defaults.backoffFactor
        maxLaunchDelaySeconds = try container.decodeIfPresent(Double.self, forKey: .maxLaunchDelaySeconds) ?? defaults.maxLaunchDelaySeconds
        upgradeStrategy = try container.decodeIfPresent(Strategy.self, forKey: .upgradeStrategy) ?? Strategy()
        unreachableStrategy = try container.decodeIfPresent(UnreachableStrategy.self, forKey: .unreachableStrategy) ?? .marathonDefault
        taskKillGracePeriodSeconds = try container.decodeIfPresent(Double.self, forKey: .taskKillGracePeriodSeconds)
        user = try container.decodeIfPresent(String.self, forKey: .user)
        dependencies = try container.decodeIfPresent([String].self, forKey: .dependencies) ?? []
    }

    /// Marathon sets no bounds; these keep every number an app brings far from where the
    /// arithmetic on it could overflow, with room for any real cluster.
    public static let maximumInstances = 100_000
    public static let maximumScalar: Double = 1e9
    public static let maximumPorts = 100
    public static let maximumSeconds: Double = 100 * 365 * 24 * 3600
}

/// One entry of Marathon's `{"message", "details": [{"path", "errors"}]}`.
public struct ValidationIssue: Hashable, Sendable, Codable {
    public var path: String
    public var errors: [String]

    public init(path: String, errors: [String]) {
        self.path = path
        self.errors = errors
    }
}
