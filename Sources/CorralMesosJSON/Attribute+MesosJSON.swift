import CorralModel

/// `Attribute`: `{"name","type":"TEXT","text":{"value"}}`, or SCALAR / RANGES / SET shaped as a
/// resource's value.
extension Attribute: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("name", name)
            switch value {
            case .text(let text):
                writer.field("type", "TEXT")
                writer.field("text") { $0.field("value", text) }
            case .scalar(let amount):
                writer.field("type", "SCALAR")
                Resource.Value.scalar(amount).encodeMesosJSONField(to: &writer)
            case .ranges(let ranges):
                writer.field("type", "RANGES")
                Resource.Value.ranges(ranges).encodeMesosJSONField(to: &writer)
            case .set(let items):
                writer.field("type", "SET")
                Resource.Value.set(items).encodeMesosJSONField(to: &writer)
            }
        }
    }

    public init(mesosJSON json: MesosJSONValue) throws(MesosJSONError) {
        let object = try json.object()
        let name: String = try object.required("name")
        let type: String = try object.required("type")
        switch type {
        case "TEXT":
            let text = try object.required("text") { text throws(MesosJSONError) in
                try text.required("value", as: String.self)
            }
            self.init(name: name, value: .text(text))
        case "SCALAR": self.init(name: name, value: .scalar(try object.requiredScalar()))
        case "RANGES": self.init(name: name, value: .ranges(try object.required("ranges")))
        case "SET": self.init(name: name, value: .set(try object.requiredSet()))
        default:
            throw .type("unknown value", type)
        }
    }
}
