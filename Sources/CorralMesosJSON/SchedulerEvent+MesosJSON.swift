import CorralModel

/// `{"type": T, "<lowercase t>": {...}}`, per scheduler.proto's `Event`. OFFERS nests its list
/// (`{"offers":{"offers":[...]}}`); HEARTBEAT has no body.
extension SchedulerEvent: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("type", typeName)
            switch self {
            case .subscribed(let frameworkID, let heartbeatIntervalSeconds, let masterInfo):
                writer.field("subscribed") { writer in
                    writer.field("framework_id", frameworkID)
                    writer.field("heartbeat_interval_seconds", heartbeatIntervalSeconds)
                    writer.field("master_info", ifPresent: masterInfo)
                }
            case .offers(let offers):
                writer.field("offers") { $0.field("offers", nonEmpty: offers) }
            case .rescind(let offerID):
                writer.field("rescind") { $0.field("offer_id", offerID) }
            case .update(let status):
                writer.field("update") { $0.field("status", status) }
            case .message(let agentID, let executorID, let data):
                writer.field("message") { writer in
                    writer.field("agent_id", agentID)
                    writer.field("executor_id", executorID)
                    writer.field("data", base64: data)
                }
            case .failure(let agentID, let executorID, let status):
                writer.field("failure") { writer in
                    writer.field("agent_id", ifPresent: agentID)
                    writer.field("executor_id", ifPresent: executorID)
                    writer.field("status", ifPresent: status)
                }
            case .error(let message):
                writer.field("error") { $0.field("message", message) }
            case .heartbeat:
                break
            }
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        let type: String = try object.required("type")
        switch type {
        case "SUBSCRIBED":
            self = try object.required("subscribed") { subscribed throws(MesosJSONError) in
                .subscribed(
                    frameworkID: try subscribed.required("framework_id"),
                    // Optional in the proto; Mesos's default interval when a master leaves it out.
                    heartbeatIntervalSeconds: try subscribed.seconds("heartbeat_interval_seconds") ?? 15,
                    masterInfo: try subscribed.optional("master_info")
                )
            }
        case "OFFERS":
            self = .offers(try Self.offers(in: object))
        case "RESCIND":
            self = try object.required("rescind") { rescind throws(MesosJSONError) in
                .rescind(try rescind.required("offer_id"))
            }
        case "UPDATE":
            self = try object.required("update") { update throws(MesosJSONError) in
                .update(try update.required("status"))
            }
        case "MESSAGE":
            self = try object.required("message") { message throws(MesosJSONError) in
                guard let data = try message.bytes("data") else { throw .missing("data") }
                return .message(
                    agentID: try message.required("agent_id"), executorID: try message.required("executor_id"), data: data
                )
            }
        case "FAILURE":
            self = try object.required("failure") { failure throws(MesosJSONError) in
                .failure(
                    agentID: try failure.optional("agent_id"), executorID: try failure.optional("executor_id"),
                    status: try failure.optional("status")
                )
            }
        case "ERROR":
            self = .error(try Self.errorMessage(in: object))
        case "HEARTBEAT":
            self = .heartbeat
        case "INVERSE_OFFERS", "RESCIND_INVERSE_OFFER", "UPDATE_OPERATION_STATUS":
            throw .type("unsupported event type", type)
        default:
            throw .type("unknown event type", type)
        }
    }

    /// `offers.offers`. Mesos's docs show the list directly under `offers`; that reads too.
    private static func offers(in object: MesosJSONObject) throws(MesosJSONError) -> [Offer] {
        guard let body = object["offers"] else { throw .missing("offers") }
        if case .array = body { return try body.decode([Offer].self, at: "offers") }
        return try object.required("offers") { offers throws(MesosJSONError) in
            try offers.repeated("offers", of: Offer.self)
        }
    }

    /// `error.message`. Mesos's docs show `message` directly on the event; that reads too.
    private static func errorMessage(in object: MesosJSONObject) throws(MesosJSONError) -> String {
        if object["error"] == nil, case .string(let message)? = object["message"] { return message }
        return try object.required("error") { error throws(MesosJSONError) in
            try error.required("message", as: String.self)
        }
    }
}
