import CorralModel

/// Every Mesos ID (FrameworkID, AgentID, OfferID, TaskID, ExecutorID) is a message with one
/// string field: `{"value": "..."}`.
extension Identifier: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { $0.field("value", value) }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        self.init(try value.object().required("value", as: String.self))
    }
}
