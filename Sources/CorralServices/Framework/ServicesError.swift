/// Why Services refused a request; the REST layer maps each case to Marathon's status code.
public enum ServicesError: Error, Equatable, CustomStringConvertible {
    /// 404: no such app, task or deployment.
    case notFound(String)
    /// 409: an app with that id exists already.
    case conflict(String)
    /// 422: the definition is not valid; Marathon's details say where.
    case invalid(AppDefinitionError)

    public var description: String {
        switch self {
        case .notFound(let message), .conflict(let message): message
        case .invalid(let error): error.description
        }
    }
}

