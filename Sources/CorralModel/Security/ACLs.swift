/// Mesos's access control lists (`--acls`, the JSON of `acls.proto`): for each action, rules
/// that pair principals with objects (roles, users, paths, framework principals). The first
/// rule whose principals and objects both match decides; when none does, `permissive` does.
public struct ACLs: Hashable, Sendable {
    /// What a principal may be allowed to do, with the JSON field of its objects.
    public enum Action: String, CaseIterable, Hashable, Sendable {
        case registerFrameworks = "register_frameworks"
        case runTasks = "run_tasks"
        case teardownFrameworks = "teardown_frameworks"
        case accessSandboxes = "access_sandboxes"
        case viewFrameworks = "view_frameworks"
        case viewTasks = "view_tasks"
        case viewExecutors = "view_executors"
        case getEndpoints = "get_endpoints"
        case updateWeights = "update_weights"
        case updateQuotas = "update_quotas"

        public var objectField: String {
            switch self {
            case .registerFrameworks, .updateWeights, .updateQuotas: "roles"
            case .runTasks, .accessSandboxes, .viewFrameworks, .viewTasks, .viewExecutors: "users"
            case .teardownFrameworks: "framework_principals"
            case .getEndpoints: "paths"
            }
        }
    }

    /// `{"type":"ANY"}`, `{"type":"NONE"}` or `{"values":[…]}` (type SOME).
    public enum Entity: Hashable, Sendable {
        case any
        case none
        case some(Set<String>)
    }

    public struct Rule: Hashable, Sendable {
        public var principals: Entity
        public var objects: Entity

        public init(principals: Entity, objects: Entity) {
            self.principals = principals
            self.objects = objects
        }
    }

    public var permissive: Bool
    public var rules: [Action: [Rule]]

    public init(permissive: Bool = true, rules: [Action: [Rule]] = [:]) {
        self.permissive = permissive
        self.rules = rules
    }

    /// Allows everything: what a master with no `--acls` does.
    public static let allowAll = ACLs()

    /// Whether `principal` (nil when the request was not authenticated) may do `action` on
    /// `object`. A principal matches `ANY` whether or not it is known; `NONE` as principals
    /// matches only a request without one; objects `NONE` matches any object, to refuse it.
    public func allows(_ action: Action, principal: String?, object: String) -> Bool {
        for rule in rules[action] ?? [] where Self.principal(principal, matches: rule.principals) {
            switch rule.objects {
            case .any: return true
            case .none: return false
            case .some(let values) where values.contains(object): return true
            case .some: continue
            }
        }
        return permissive
    }

    /// Whether `action` is allowed on every one of `objects` (a framework's several roles).
    public func allows(_ action: Action, principal: String?, objects: some Sequence<String>) -> Bool {
        objects.allSatisfy { allows(action, principal: principal, object: $0) }
    }

    private static func principal(_ principal: String?, matches entity: Entity) -> Bool {
        switch entity {
        case .any: true
        case .none: principal == nil
        case .some(let values): principal.map(values.contains) ?? false
        }
    }
}

extension ACLs {
    /// Reads the JSON of Mesos's `ACLs` message. Fields for actions Corral does not know are
    /// refused, so that a misspelt action does not silently allow what it meant to deny.
    public init(json text: String) throws(MesosJSONError) {
        let object = try MesosJSON.parse(text).object()
        var rules: [Action: [Rule]] = [:]
        for member in object.members where member.key != "permissive" {
            guard let action = Action(rawValue: member.key) else {
                let known = Action.allCases.map(\.rawValue).joined(separator: ", ")
                throw MesosJSONError(path: [.key(member.key)], problem: "unknown ACL action; expected permissive or one of \(known)")
            }
            let entries = try object.repeated(member.key, of: MesosJSONValue.self)
            rules[action] = try entries.enumerated().map { index, entry throws(MesosJSONError) in
                do throws(MesosJSONError) {
                    let rule = try entry.object()
                    return Rule(
                        principals: try Self.entity(rule, "principals"),
                        objects: try Self.entity(rule, action.objectField))
                } catch {
                    throw error.prefixed(by: .index(index)).prefixed(by: .key(member.key))
                }
            }
        }
        self.init(permissive: try object.optional("permissive") ?? true, rules: rules)
    }

    private static func entity(_ rule: MesosJSONObject, _ field: String) throws(MesosJSONError) -> Entity {
        guard rule.contains(field) else { throw .missing(field) }
        return try rule.nested(field) { entity throws(MesosJSONError) in
            let values: [String] = try entity.repeated("values")
            switch try entity.optional("type", as: String.self) ?? "SOME" {
            case "ANY": return .any
            case "NONE": return .none
            case "SOME": return .some(Set(values))
            case let other: throw MesosJSONError(path: [.key("type")], problem: "expected ANY, NONE or SOME, got '\(other)'")
            }
        } ?? .none
    }
}
