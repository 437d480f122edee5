/// Why a stream from a master could not be used: what the agent's link and the readers of
/// event streams throw.
public enum HTTPLinkError: Error, CustomStringConvertible {
    case refused(status: Int, message: String)
    case protocolViolation(String)
    case timedOut

    public var description: String {
        switch self {
        case .refused(let status, let message): "the master answered \(status): \(message)"
        case .protocolViolation(let problem): "protocol violation: \(problem)"
        case .timedOut: "no word from the master in time"
        }
    }
}
