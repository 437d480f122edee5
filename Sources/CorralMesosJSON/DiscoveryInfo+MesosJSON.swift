import CorralModel

/// `DiscoveryInfo`: `{"visibility","name","environment","location","version",
/// "ports":{"ports":[{"number","name","protocol","labels":{"labels"}}]},"labels":{"labels"}}`.
extension DiscoveryInfo: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("visibility", visibility)
            writer.field("name", ifPresent: name)
            writer.field("environment", ifPresent: environment)
            writer.field("location", ifPresent: location)
            writer.field("version", ifPresent: version)
            if !ports.isEmpty { writer.field("ports") { $0.field("ports", nonEmpty: ports) } }
            writer.field("labels", labels: labels)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(
            visibility: try object.required("visibility"),
            name: try object.optional("name"),
            environment: try object.optional("environment"),
            location: try object.optional("location"),
            version: try object.optional("version"),
            ports: try object.nested("ports") { ports throws(MesosJSONError) in try ports.repeated("ports", of: Port.self) } ?? [],
            labels: try object.labels("labels")
        )
    }
}

extension DiscoveryInfo.Visibility: MesosJSONEnumeration {}

extension DiscoveryInfo.Port: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("number", number)
            writer.field("name", ifPresent: name)
            writer.field("protocol", ifPresent: self.protocol)
            writer.field("labels", labels: labels)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(
            number: try object.required("number"), name: try object.optional("name"), protocol: try object.optional("protocol"),
            labels: try object.labels("labels"))
    }
}
