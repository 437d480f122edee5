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
