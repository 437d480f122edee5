/// What a framework says about itself when it subscribes.
public struct FrameworkInfo: Hashable, Sendable {
    public enum Capability: String, Hashable, Sendable {
        case multiRole = "MULTI_ROLE"
        case taskKillingState = "TASK_KILLING_STATE"
        case partitionAware = "PARTITION_AWARE"
        case revocableResources = "REVOCABLE_RESOURCES"
        case gpuResources = "GPU_RESOURCES"
        case sharedResources = "SHARED_RESOURCES"
        case reservationRefinement = "RESERVATION_REFINEMENT"
        case regionAware = "REGION_AWARE"
    }

    public var user: String
    public var name: String
    public var id: FrameworkID?
    public var failoverTimeout: Double
    public var checkpoint: Bool
    /// Roles the framework subscribes to. Mesos's legacy single `role` field folds in here.
    public var roles: [String]
    public var hostname: String?
    public var principal: String?
    public var webuiURL: String?
    /// Capability names as sent; unknown ones are kept so that nothing a client says is lost.
    public var capabilities: [String]
    public var labels: [Label]

    public init(
        user: String = FrameworkInfo.processUser, name: String, id: FrameworkID? = nil, failoverTimeout: Double = 0,
        checkpoint: Bool = false, roles: [String] = ["*"], hostname: String? = nil,
        principal: String? = nil, webuiURL: String? = nil,
        capabilities: [Capability] = [.multiRole, .taskKillingState, .partitionAware],
        labels: [Label] = []
    ) {
        self.user = user
        self.name = name
        self.id = id
        self.failoverTimeout = failoverTimeout
        self.checkpoint = checkpoint
        self.roles = roles
        self.hostname = hostname
        self.principal = principal
        self.webuiURL = webuiURL
        self.capabilities = capabilities.map(\.rawValue)
        self.labels = labels
    }

    public func has(_ capability: Capability) -> Bool { capabilities.contains(capability.rawValue) }
}

#if canImport(Glibc)
import Glibc
#endif

extension FrameworkInfo {
    /// The user this process runs as: the default user of a framework started here, as Mesos's
    /// scheduler libraries default to the user who runs them (tasks then run as that user on
    /// agents that switch users).
    public static let processUser: String = SystemUser.name(of: geteuid()) ?? "root"
}
