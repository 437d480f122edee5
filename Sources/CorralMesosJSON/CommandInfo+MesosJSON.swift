import CorralModel

/// `CommandInfo`: `{"shell","value","arguments","uris","environment":{"variables"},"user"}`.
/// `shell` has a proto default (true) and is always written.
extension CommandInfo: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("shell", shell)
            writer.field("value", ifPresent: value)
            writer.field("arguments", nonEmpty: arguments)
            writer.field("uris", nonEmpty: uris)
            if !environment.isEmpty {
                writer.field("environment") { $0.field("variables", nonEmpty: environment) }
            }
            writer.field("user", ifPresent: user)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        let environment = try object.nested("environment") { environment throws(MesosJSONError) in
            try environment.repeated("variables", of: EnvironmentVariable.self)
        }
        self.init(
            shell: try object.optional("shell") ?? true,
            value: try object.optional("value"),
            arguments: try object.repeated("arguments"),
            environment: environment ?? [],
            user: try object.optional("user"),
            uris: try object.repeated("uris")
        )
    }
}

/// `Environment.Variable`: `{"name","value"}`.
extension EnvironmentVariable: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("name", name)
            writer.field("value", value)
        }
    }

    /// A SECRET variable is refused rather than run with an empty value: Corral has no secret
    /// store, and silently dropping a credential makes for a confusing task failure.
    public init(mesosJSON json: MesosJSONValue) throws(MesosJSONError) {
        let object = try json.object()
        if let type: String = try object.optional("type"), type != "VALUE" {
            throw .type("unsupported environment variable type", type)
        }
        self.init(name: try object.required("name"), value: try object.optional("value") ?? "")
    }
}

/// `CommandInfo.URI`: `{"value","executable","extract","cache"}`.
extension CommandURI: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("value", value)
            writer.field("executable", ifPresent: executable)
            writer.field("extract", ifPresent: extract)
            writer.field("cache", ifPresent: cache)
        }
    }

    public init(mesosJSON json: MesosJSONValue) throws(MesosJSONError) {
        let object = try json.object()
        self.init(
            value: try object.required("value"), executable: try object.optional("executable"),
            extract: try object.optional("extract"), cache: try object.optional("cache")
        )
    }
}
