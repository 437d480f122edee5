import CorralModel

/// `Filters`: `{"refuse_seconds": 5.0}`. The field has a proto default, so it is always written;
/// an empty `{}` reads as that default.
extension Filters: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { $0.field("refuse_seconds", refuseSeconds) }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        // As Mesos's master: a negative or NaN filter is the default, and "forever" (even
        // Infinity) is capped, here to the longest duration Corral keeps.
        let seconds: Double = try object.optional("refuse_seconds") ?? Filters.default.refuseSeconds
        self.init(refuseSeconds: seconds >= 0 ? min(seconds, MesosJSONObject.maximumSeconds) : Filters.default.refuseSeconds)
    }
}
