/// Why a Mesos JSON document could not be read, and where.
///
/// The HTTP layer answers 400 with `description` as the body, so the message names the JSON path
/// of the offending field (`accept.operations[0].launch.task_infos[0].task_id: missing required
/// field`): a framework author can find the mistake without reading Corral's source.
public struct MesosJSONError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum PathComponent: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    /// From the document's root to the offending value; empty for syntax errors.
    public var path: [PathComponent]
    public var problem: String

    public init(path: [PathComponent] = [], problem: String) {
        self.path = path
        self.problem = problem
    }

    /// `task_infos[0].task_id`
    public var pathString: String {
        var text = ""
        for component in path {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += key
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    public var description: String { path.isEmpty ? problem : "\(pathString): \(problem)" }

    /// Errors are built where the problem is seen, knowing nothing of their ancestors; each
    /// enclosing field adds its own name on the way out. Success therefore costs no path work.
    func prefixed(by component: PathComponent) -> MesosJSONError {
        var copy = self
        copy.path.insert(component, at: 0)
        return copy
    }

    static func missing(_ key: String) -> MesosJSONError {
        MesosJSONError(path: [.key(key)], problem: "missing required field")
    }

    /// A `type` field naming a kind this side does not handle.
    static func type(_ problem: String, _ name: String) -> MesosJSONError {
        MesosJSONError(path: [.key("type")], problem: "\(problem) \(MesosJSONValue.string(name).briefDescription)")
    }

    static func expected(_ what: String, got value: MesosJSONValue) -> MesosJSONError {
        MesosJSONError(problem: "expected \(what), got \(value.briefDescription)")
    }
}

extension MesosJSONError {
    /// A call whose `type` this side does not answer (unknown, or a Mesos call Corral does not
    /// implement): the message names it and lists the ones it does.
    static func unsupportedCall(_ type: String, api: String, supported: [String]) -> MesosJSONError {
        MesosJSONError(
            path: [.key("type")],
            problem: "unsupported \(api) call type \(MesosJSONValue.string(type).briefDescription); "
                + "supported types: \(supported.joined(separator: ", "))")
    }
}
