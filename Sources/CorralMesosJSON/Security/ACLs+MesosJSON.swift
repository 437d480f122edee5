import CorralModel

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
