import CorralModel

/// Where a framework stands with the allocator: the answer of `/corral/v1/explain?framework_id=`.
/// The framework is `{"id", "name"}`. Older Corral masters also sent `weighted_share` there (the
/// number `dominant_share` gives) and `weight`: readers ignore them.
extension FrameworkStanding: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("framework", object: { writer in
                writer.field("id", frameworkID.value)
                writer.field("name", ifPresent: name)
            })
            writer.field("active", active)
            writer.field("dominant_share", dominantShare)
            writer.field("dominant_resource", ifPresent: dominantResource)
            writer.field("roles", roles)
            writer.field("next", ifPresent: next)
            writer.field("next_role", ifPresent: nextRole)
            writer.field("filters", filters)
            writer.field("outstanding_offers", outstandingOffers)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        let (id, name) = try object.required("framework") { framework throws(MesosJSONError) in
            (try framework.required("id", as: String.self), try framework.optional("name", as: String.self))
        }
        self.init(
            frameworkID: FrameworkID(id), name: name, active: try object.required("active"),
            dominantShare: try object.required("dominant_share"), dominantResource: try object.optional("dominant_resource"),
            roles: try object.repeated("roles"), next: try object.optional("next"), nextRole: try object.optional("next_role"),
            filters: try object.repeated("filters"), outstandingOffers: try object.optional("outstanding_offers") ?? 0)
    }
}

extension FrameworkStanding.RoleStanding: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("role", role)
            writer.field("weight", weight)
            writer.field("role_share", roleShare)
            writer.field("role_place", rolePlace)
            writer.field("role_count", roleCount)
            writer.field("framework_share", frameworkShare)
            writer.field("framework_place", frameworkPlace)
            writer.field("framework_count", frameworkCount)
            writer.field("suppressed", suppressed)
            writer.field("guarantee", ScalarAmounts(guarantee))
            writer.field("limit", ifPresent: limit.map(ScalarAmounts.init))
            writer.field("allocated", ScalarAmounts(allocated))
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(
            role: try object.required("role"), weight: try object.optional("weight") ?? 1,
            roleShare: try object.required("role_share"), rolePlace: try object.required("role_place"),
            roleCount: try object.required("role_count"), frameworkShare: try object.required("framework_share"),
            frameworkPlace: try object.required("framework_place"), frameworkCount: try object.required("framework_count"),
            suppressed: try object.optional("suppressed") ?? false,
            guarantee: try object.optional("guarantee", as: ScalarAmounts.self)?.amounts ?? [:],
            limit: try object.optional("limit", as: ScalarAmounts.self)?.amounts,
            allocated: try object.optional("allocated", as: ScalarAmounts.self)?.amounts ?? [:])
    }
}

extension FrameworkStanding.Filter: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("agent_id", agentID)
            writer.field("hostname", hostname)
            writer.field("seconds_left", secondsLeft)
            writer.field("resources", resources)
            if let origin {
                writer.field("origin") { writer in
                    writer.field("kind", origin.kind.rawValue)
                    writer.field("offer_id", origin.offerID)
                    writer.field("refuse_seconds", origin.refuseSeconds)
                }
            }
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(
            agentID: try object.required("agent_id"), hostname: try object.optional("hostname") ?? "",
            secondsLeft: try object.required("seconds_left"), resources: try object.optional("resources") ?? Resources(),
            origin: try object.nested("origin") { origin throws(MesosJSONError) in
                let kind: String = try origin.required("kind")
                guard let known = FilterOrigin.Kind(rawValue: kind) else {
                    throw MesosJSONError(path: [.key("kind")], problem: "unknown filter origin '\(kind.printablePrefix(40))'; expected DECLINE or ACCEPT")
                }
                return FilterOrigin(known, of: try origin.required("offer_id"), refuseSeconds: try origin.required("refuse_seconds"))
            })
    }
}
