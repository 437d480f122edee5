import CorralModel

/// `AgentInfo`: `{"id","hostname","port","resources","attributes"}`. `port` has a proto default
/// (5051), so it is always written.
extension AgentInfo: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("id", ifPresent: id)
            writer.field("hostname", hostname)
            writer.field("port", port)
            writer.field("resources", nonEmpty: resources.entries)
            writer.field("attributes", nonEmpty: attributes)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(
            id: try object.optional("id"),
            hostname: try object.required("hostname"),
            port: try object.optional("port", as: Int32.self).map(Int.init) ?? 5051,
            resources: try object.optional("resources") ?? Resources(),
            attributes: try object.repeated("attributes")
        )
    }
}
