import CorralModel

/// `MasterInfo`: `{"id","ip","port","hostname","version"}`. `ip` is the IPv4 address as a
/// uint32 in network byte order, as Mesos sends it.
extension MasterInfo: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("id", id)
            writer.field("ip", ip)
            writer.field("port", port)
            writer.field("hostname", hostname)
            writer.field("version", version)
        }
    }

    /// `hostname` and `version` are optional in the proto but always set by a Mesos master; when
    /// absent they read as empty strings rather than failing a SUBSCRIBED event.
    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(
            id: try object.required("id"),
            ip: try object.required("ip"),
            port: try object.optional("port", as: UInt32.self).map(Int.init) ?? 5050,
            hostname: try object.optional("hostname") ?? "",
            version: try object.optional("version") ?? ""
        )
    }
}
