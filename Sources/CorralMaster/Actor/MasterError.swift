import CorralModel

/// Why the master refused a call outright (the HTTP layer maps these to status codes).
public enum MasterError: Error, Equatable, CustomStringConvertible {
    case unknownFramework(FrameworkID)
    case frameworkNotSubscribed(FrameworkID)
    case unknownAgent(AgentID)
    /// The caller authenticated as another principal than the framework registered with.
    case wrongPrincipal(FrameworkID, principal: String)

    public var description: String {
        switch self {
        case .unknownFramework(let id): "Framework \(id) is not known to the master"
        case .frameworkNotSubscribed(let id): "Framework \(id) is not subscribed"
        case .unknownAgent(let id): "Agent \(id) is not registered"
        case .wrongPrincipal(let id, let principal): "Principal '\(principal)' may not make calls for framework \(id)"
        }
    }
}
