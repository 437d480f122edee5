import CorralModel

/// `FrameworkInfo`: `{"user","name","id","failover_timeout","checkpoint","roles","hostname",
/// "principal","webui_url","capabilities":[{"type"}],"labels":{"labels"}}`.
///
/// `failover_timeout` and `checkpoint` have proto defaults and are always written.
extension FrameworkInfo: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("user", user)
            writer.field("name", name)
            writer.field("id", ifPresent: id)
            writer.field("failover_timeout", failoverTimeout)
            writer.field("checkpoint", checkpoint)
            // Mesos rejects `roles` from a framework without MULTI_ROLE, so such a framework
            // (with its one role) is written in the legacy form a real master accepts from it.
            if !has(.multiRole), roles.count == 1 {
                writer.field("role", roles[0])
            } else {
                writer.field("roles", nonEmpty: roles)
            }
            writer.field("hostname", ifPresent: hostname)
            writer.field("principal", ifPresent: principal)
            writer.field("webui_url", ifPresent: webuiURL)
            if !capabilities.isEmpty {
                writer.key("capabilities")
                writer.writeArray { writer in
                    for capability in capabilities {
                        writer.writeObject { $0.field("type", capability) }
                    }
                }
            }
            writer.field("labels", labels: labels)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        // Capabilities whose `type` is missing (an enum value this side's proto did not know,
        // in Mesos's own decoding) are dropped; unknown names are kept as sent.
        let capabilities = try object.repeated("capabilities", of: CapabilityItem.self).compactMap(\.type)
        let roles: [String] = try object.repeated("roles")
        let legacyRole: String? = try object.optional("role")
        self.init(
            user: try object.required("user"),
            name: try object.required("name"),
            id: try object.optional("id"),
            failoverTimeout: try object.seconds("failover_timeout") ?? 0,
            checkpoint: try object.optional("checkpoint") ?? false,
            roles: Self.effectiveRoles(roles: roles, legacyRole: legacyRole, capabilities: capabilities),
            hostname: try object.optional("hostname"),
            principal: try object.optional("principal"),
            webuiURL: try object.optional("webui_url"),
            capabilities: [],
            labels: try object.labels("labels")
        )
        // Set after init: the initialiser takes known capabilities only, the wire may carry others.
        self.capabilities = capabilities
    }

    /// Mesos's rule: `roles` when given; else the legacy `role`; else none for a MULTI_ROLE
    /// framework and `*` (the proto default of `role`) for any other.
    private static func effectiveRoles(roles: [String], legacyRole: String?, capabilities: [String]) -> [String] {
        if !roles.isEmpty { return roles }
        if let legacyRole { return [legacyRole] }
        return capabilities.contains(Capability.multiRole.rawValue) ? [] : ["*"]
    }

    private struct CapabilityItem: MesosJSONDecodable {
        var type: String?

        init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
            type = try value.object().optional("type")
        }
    }
}
