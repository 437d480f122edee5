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

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            port = try container.decodeIfPresent(Int.self, forKey: .port) ?? 0
            name = try container.decodeIfPresent(String.self, forKey: .name)
            `protocol` = try container.decodeIfPresent(String.self, forKey: .protocol)
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
    public var portDefinitions: [PortDefinition]?
    public var ports: [Int]?
    public var backoffSeconds: Double = 1
    public var backoffFactor: Double = 1.15
    public var maxLaunchDelaySeconds: Double = 300
    public var upgradeStrategy: Strategy = Strategy()
    public var unreachableStrategy: UnreachableStrategy = .marathonDefault
    public var taskKillGracePeriodSeconds: Double?

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
        portDefinitions = try container.decodeIfPresent([PortDefinition].self, forKey: .portDefinitions)
        ports = try container.decodeIfPresent([Int].self, forKey: .ports)
        backoffSeconds = try container.decodeIfPresent(Double.self, forKey: .backoffSeconds) ?? defaults.backoffSeconds
        backoffFactor = try container.decodeIfPresent(Double.self, forKey: .backoffFactor) ?? defaults.backoffFactor
        maxLaunchDelaySeconds = try container.decodeIfPresent(Double.self, forKey: .maxLaunchDelaySeconds) ?? defaults.maxLaunchDelaySeconds
        upgradeStrategy = try container.decodeIfPresent(Strategy.self, forKey: .upgradeStrategy) ?? Strategy()
        unreachableStrategy = try container.decodeIfPresent(UnreachableStrategy.self, forKey: .unreachableStrategy) ?? .marathonDefault
        taskKillGracePeriodSeconds = try container.decodeIfPresent(Double.self, forKey: .taskKillGracePeriodSeconds)
    }

    /// Marathon's 422 details: one entry per path with what is wrong there. Empty when valid.
    public func validationIssues() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func problem(_ path: String, _ message: String) { issues.append(ValidationIssue(path: path, errors: [message])) }
        do { _ = try AppID(parsing: id) } catch { problem("/id", error.problem) }
        if (cmd ?? "").allSatisfy(\.isWhitespace) && (args ?? []).isEmpty { problem("/", "an app needs cmd or args") }
        if cmd != nil && args != nil { problem("/", "cmd and args cannot both be given") }
        if !(cpus > 0) { problem("/cpus", "must be greater than 0, got \(cpus)") }
        if !(mem > 0) { problem("/mem", "must be greater than 0, got \(mem)") }
        if disk < 0 { problem("/disk", "must not be negative, got \(disk)") }
        if instances < 0 { problem("/instances", "must not be negative, got \(instances)") }
        if backoffSeconds < 0 { problem("/backoffSeconds", "must not be negative, got \(backoffSeconds)") }
        if backoffFactor < 1 { problem("/backoffFactor", "must be at least 1, got \(backoffFactor)") }
        if maxLaunchDelaySeconds < 0 { problem("/maxLaunchDelaySeconds", "must not be negative, got \(maxLaunchDelaySeconds)") }
        for (index, constraint) in constraints.enumerated() {
            do { _ = try PlacementConstraint(marathon: constraint) } catch { problem("/constraints(\(index))", error.problem) }
        }
        let strategy = UpgradeStrategy(minimumHealthCapacity: upgradeStrategy.minimumHealthCapacity, maximumOverCapacity: upgradeStrategy.maximumOverCapacity)
        for message in strategy.problems { problem("/upgradeStrategy", message) }
        for message in unreachableStrategy.problems { problem("/unreachableStrategy", message) }
        for (index, check) in healthChecks.enumerated() {
            let path = "/healthChecks(\(index))"
            switch check.protocol.uppercased() {
            case "HTTP", "MESOS_HTTP", "TCP", "MESOS_TCP":
                if check.port == nil && (check.portIndex ?? 0) >= (portDefinitions?.count ?? ports?.count ?? 1) {
                    problem(path, "portIndex \(check.portIndex ?? 0) names no port of the app")
                }
            case "COMMAND":
                if (check.command?.value ?? "").isEmpty { problem(path, "a COMMAND health check needs command.value") }
            default:
                problem(path, "unknown protocol '\(check.protocol)'; expected HTTP, TCP or COMMAND")
            }
            if !(check.intervalSeconds > 0) { problem(path, "intervalSeconds must be greater than 0") }
            if check.maxConsecutiveFailures < 0 { problem(path, "maxConsecutiveFailures must not be negative") }
        }
        return issues
    }
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
