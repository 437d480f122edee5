import CorralModel

/// `Offer`: `{"id","framework_id","agent_id","hostname","allocation_info":{"role"},
/// "resources","attributes"}`. Corral has no offer URL, executor IDs or domain; those fields are
/// neither written nor required.
extension Offer: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("id", id)
            writer.field("framework_id", frameworkID)
            writer.field("agent_id", agentID)
            writer.field("hostname", hostname)
            writer.field("allocation_info") { $0.field("role", role) }
            writer.field("resources", nonEmpty: resources.entries)
            writer.field("attributes", nonEmpty: attributes)
        }
    }

    /// Offers from a pre-MULTI_ROLE master carry no `allocation_info`: they are for role `*`.
    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        let role = try object.nested("allocation_info") { info throws(MesosJSONError) in
            try info.optional("role", as: String.self)
        } ?? nil
        self.init(
            id: try object.required("id"),
            frameworkID: try object.required("framework_id"),
            agentID: try object.required("agent_id"),
            hostname: try object.required("hostname"),
            role: role ?? "*",
            resources: try object.optional("resources") ?? Resources(),
            attributes: try object.repeated("attributes")
        )
    }
}
