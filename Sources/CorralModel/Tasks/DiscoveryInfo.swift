/// How service discovery finds a task (Mesos's `DiscoveryInfo`): the name it goes by, who may
/// see it, and its ports with their names, protocols and labels. The master and agents keep it
/// with the task and show it; tools such as mesos-dns read it from there.
public struct DiscoveryInfo: Hashable, Sendable {
    public enum Visibility: String, Hashable, Sendable {
        case framework = "FRAMEWORK"
        case cluster = "CLUSTER"
        case external = "EXTERNAL"
    }

    public struct Port: Hashable, Sendable {
        public var number: UInt32
        public var name: String?
        public var `protocol`: String?
        public var labels: [Label]

        public init(number: UInt32, name: String? = nil, protocol: String? = nil, labels: [Label] = []) {
            self.number = number
            self.name = name
            self.protocol = `protocol`
            self.labels = labels
        }
    }

    public var visibility: Visibility
    public var name: String?
    public var environment: String?
    public var location: String?
    public var version: String?
    public var ports: [Port]
    public var labels: [Label]

    public init(
        visibility: Visibility, name: String? = nil, environment: String? = nil, location: String? = nil, version: String? = nil,
        ports: [Port] = [], labels: [Label] = []
    ) {
        self.visibility = visibility
        self.name = name
        self.environment = environment
        self.location = location
        self.version = version
        self.ports = ports
        self.labels = labels
    }
}
