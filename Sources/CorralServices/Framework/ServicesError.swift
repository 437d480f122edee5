/// Why Services refused a request; the REST layer maps each case to Marathon's status code.
public enum ServicesError: Error, Equatable, CustomStringConvertible {
    /// 404: no such app, task or deployment.
    case notFound(String)
    /// 409: an app with that id exists already.
    case conflict(String)
    /// 422: the definition is not valid; Marathon's details say where.
    case invalid(AppDefinitionError)
    /// 409: the app is being deployed; these deployments (their IDs) must end, or be overridden
    /// with `force`, before it is changed again.
    case locked(AppID, deployments: [String])

    public var description: String {
        switch self {
        case .notFound(let message), .conflict(let message): message
        case .invalid(let error): error.description
        case .locked(let id, let deployments): "App '\(id)' is locked by deployment(s) \(deployments.joined(separator: ", "))"
        }
    }
}

