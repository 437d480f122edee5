import CorralModel

/// A framework as GET_FRAMEWORKS lists it and FRAMEWORK_ADDED/UPDATED carry it (master.proto's
/// `Response.GetFrameworks.Framework`): `{"framework_info","active","connected","recovered",
/// "registered_time":{"nanoseconds"},"offers","allocated_resources","offered_resources"}`.
extension FrameworkSnapshot {
    /// `offers` are the framework's outstanding offers; events pass none, as the snapshot in
    /// an event does not hold them. `recovered` is true for a framework the master learned of
    /// from an agent after a restart, until the framework subscribes again.
    public func encodeOperatorJSON<Offers: Collection<Offer>>(offers: Offers, to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.key("framework_info")
            if info.id == id {
                info.encodeMesosJSON(to: &writer)
            } else {
                var info = info
                info.id = id
                info.encodeMesosJSON(to: &writer)
            }
            writer.field("active", active)
            writer.field("connected", connected)
            writer.field("recovered", recovered)
            writer.field("registered_time", timeInfo: registeredAt)
            writer.field("offers", nonEmpty: offers)
            writer.field("allocated_resources", nonEmpty: used.entries)
            writer.field("offered_resources", nonEmpty: offered.entries)
        }
    }

    /// The snapshot and the outstanding offers the entry lists. Neither the dominant share nor
    /// the task count is in it: they read as 0 (`ClusterSnapshot(operatorState:)` counts the
    /// tasks itself).
    public static func decodeOperatorJSON(_ value: MesosJSONValue) throws(MesosJSONError) -> (framework: FrameworkSnapshot, offers: [Offer]) {
        let object = try value.object()
        let info: FrameworkInfo = try object.required("framework_info")
        let offers: [Offer] = try object.repeated("offers")
        let active: Bool = try object.optional("active") ?? true
        let framework = FrameworkSnapshot(
            info: info,
            id: info.id ?? FrameworkID(""),
            active: active,
            connected: try object.optional("connected") ?? active,
            registeredAt: try object.timeInfo("registered_time") ?? .zero,
            dominantShare: 0,
            used: try object.optional("allocated_resources") ?? Resources(),
            offered: try object.optional("offered_resources") ?? Resources(),
            taskCount: 0,
            offerCount: offers.count,
            recovered: try object.optional("recovered") ?? false
        )
        return (framework, offers)
    }
}
