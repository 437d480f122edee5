import CorralModel

/// `Label`: `{"key","value"}`; a list of them travels wrapped as `Labels`:
/// `"labels": {"labels": [...]}`.
extension Label: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("key", key)
            writer.field("value", ifPresent: value)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(key: try object.required("key"), value: try object.optional("value"))
    }
}

extension MesosJSONWriter {
    /// `"key": {"labels": [...]}` when there are labels; nothing when there are none.
    mutating func field(_ key: StaticString, labels: [Label]) {
        guard !labels.isEmpty else { return }
        field(key) { $0.field("labels", nonEmpty: labels) }
    }
}

extension MesosJSONObject {
    /// The labels of a `Labels` field; empty when absent.
    func labels(_ key: String) throws(MesosJSONError) -> [Label] {
        try nested(key) { labels throws(MesosJSONError) in try labels.repeated("labels", of: Label.self) } ?? []
    }
}
