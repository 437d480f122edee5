import CorralModel

/// `{"type": T, "framework_id": {...}, "<lowercase t>": {...}}`, field names per scheduler.proto.
extension SchedulerCallMessage: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("type", typeName)
            writer.field("framework_id", ifPresent: frameworkID)
            switch body {
            case .subscribe(let frameworkInfo, let suppressedRoles):
                writer.field("subscribe") { writer in
                    writer.field("framework_info", frameworkInfo)
                    writer.field("suppressed_roles", nonEmpty: suppressedRoles)
                }
            case .call(let call):
                call.encodeMesosJSONBody(to: &writer)
            }
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        let type: String = try object.required("type")
        let frameworkID: FrameworkID? = try object.optional("framework_id")
        if type == "SUBSCRIBE" {
            let subscribe = try object.required("subscribe") { subscribe throws(MesosJSONError) in
                Body.subscribe(
                    frameworkInfo: try subscribe.required("framework_info"),
                    suppressedRoles: try subscribe.repeated("suppressed_roles")
                )
            }
            self.init(frameworkID: frameworkID, body: subscribe)
        } else {
            self.init(frameworkID: frameworkID, body: .call(try SchedulerCall(type: type, in: object)))
        }
    }
}

extension SchedulerCall {
    /// Writes the call's body field, named after its type; TEARDOWN has none, and REVIVE and
    /// SUPPRESS have none when they mean all roles.
    func encodeMesosJSONBody(to writer: inout MesosJSONWriter) {
        switch self {
        case .teardown:
            break
        case .accept(let offerIDs, let operations, let filters):
            writer.field("accept") { writer in
                writer.field("offer_ids", nonEmpty: offerIDs)
                writer.field("operations", nonEmpty: operations)
                writer.field("filters", filters)
            }
        case .decline(let offerIDs, let filters):
            writer.field("decline") { writer in
                writer.field("offer_ids", nonEmpty: offerIDs)
                writer.field("filters", filters)
            }
        case .revive(let roles):
            if !roles.isEmpty { writer.field("revive") { $0.field("roles", nonEmpty: roles) } }
        case .suppress(let roles):
            if !roles.isEmpty { writer.field("suppress") { $0.field("roles", nonEmpty: roles) } }
        case .kill(let taskID, let agentID, let killPolicy):
            writer.field("kill") { writer in
                writer.field("task_id", taskID)
                writer.field("agent_id", ifPresent: agentID)
                writer.field("kill_policy", ifPresent: killPolicy)
            }
        case .shutdown(let executorID, let agentID):
            writer.field("shutdown") { writer in
                writer.field("executor_id", executorID)
                writer.field("agent_id", agentID)
            }
        case .acknowledge(let agentID, let taskID, let uuid):
            writer.field("acknowledge") { writer in
                writer.field("agent_id", agentID)
                writer.field("task_id", taskID)
                writer.field("uuid", base64: uuid)
            }
        case .reconcile(let tasks):
            // Always present, even empty: Mesos requires the body, and empty means "all tasks".
            writer.field("reconcile") { $0.field("tasks", nonEmpty: tasks) }
        case .message(let agentID, let executorID, let data):
            writer.field("message") { writer in
                writer.field("agent_id", agentID)
                writer.field("executor_id", executorID)
                writer.field("data", base64: data)
            }
        case .request(let requests):
            writer.field("request") { writer in
                guard !requests.isEmpty else { return }
                writer.key("requests")
                writer.writeArray { writer in
                    for resources in requests {
                        writer.writeObject { $0.field("resources", nonEmpty: resources.entries) }
                    }
                }
            }
        }
    }

    /// Reads the call of type `type` from the envelope `object`. Bodies are required where
    /// Mesos's validation requires them, so the error names the missing body field.
    init(type: String, in object: MesosJSONObject) throws(MesosJSONError) {
        switch type {
        case "TEARDOWN":
            self = .teardown
        case "ACCEPT":
            self = try object.required("accept") { accept throws(MesosJSONError) in
                .accept(
                    offerIDs: try accept.repeated("offer_ids"), operations: try accept.repeated("operations"),
                    filters: try accept.optional("filters") ?? .default
                )
            }
        case "DECLINE":
            self = try object.required("decline") { decline throws(MesosJSONError) in
                .decline(offerIDs: try decline.repeated("offer_ids"), filters: try decline.optional("filters") ?? .default)
            }
        case "REVIVE":
            self = .revive(roles: try Self.roles(in: object, body: "revive"))
        case "SUPPRESS":
            self = .suppress(roles: try Self.roles(in: object, body: "suppress"))
        case "KILL":
            self = try object.required("kill") { kill throws(MesosJSONError) in
                .kill(
                    taskID: try kill.required("task_id"), agentID: try kill.optional("agent_id"),
                    killPolicy: try kill.optional("kill_policy")
                )
            }
        case "SHUTDOWN":
            self = try object.required("shutdown") { shutdown throws(MesosJSONError) in
                .shutdown(executorID: try shutdown.required("executor_id"), agentID: try shutdown.required("agent_id"))
            }
        case "ACKNOWLEDGE":
            self = try Self.acknowledge(in: object)
        case "RECONCILE":
            self = try object.required("reconcile") { reconcile throws(MesosJSONError) in
                .reconcile(try reconcile.repeated("tasks"))
            }
        case "MESSAGE":
            self = try Self.message(in: object)
        case "REQUEST":
            self = .request(try Self.requests(in: object))
        case "ACCEPT_INVERSE_OFFERS", "DECLINE_INVERSE_OFFERS", "ACKNOWLEDGE_OPERATION_STATUS",
            "RECONCILE_OPERATIONS", "UPDATE_FRAMEWORK":
            throw .type("unsupported call type", type)
        default:
            throw .type("unknown call type", type)
        }
    }

    /// ACKNOWLEDGE: the master matches the uuid against its pending updates; Mesos refuses one
    /// that is not a UUID, and so does Corral, naming the field.
    private static func acknowledge(in object: MesosJSONObject) throws(MesosJSONError) -> Self {
        try object.required("acknowledge") { acknowledge throws(MesosJSONError) in
            guard let uuid = try acknowledge.bytes("uuid") else { throw .missing("uuid") }
            guard uuid.count == 16 else {
                throw MesosJSONError(path: [.key("uuid")], problem: "expected 16 bytes of UUID, got \(uuid.count)")
            }
            return .acknowledge(
                agentID: try acknowledge.required("agent_id"), taskID: try acknowledge.required("task_id"), uuid: uuid
            )
        }
    }

    /// MESSAGE: bytes for an executor; `data` is required.
    private static func message(in object: MesosJSONObject) throws(MesosJSONError) -> Self {
        try object.required("message") { message throws(MesosJSONError) in
            guard let data = try message.bytes("data") else { throw .missing("data") }
            return .message(
                agentID: try message.required("agent_id"), executorID: try message.required("executor_id"), data: data
            )
        }
    }

    /// REVIVE's and SUPPRESS's `roles`; the body is optional, and no roles mean all of them.
    private static func roles(in object: MesosJSONObject, body key: String) throws(MesosJSONError) -> [String] {
        let roles = try object.nested(key) { body throws(MesosJSONError) in try body.repeated("roles", of: String.self) }
        return roles ?? []
    }

    /// `request.requests`; mesoshttp and Mesos's own docs put `requests` on the call itself,
    /// which is read too. Each request's optional `agent_id` is checked but not kept: the model
    /// holds only the resources, which is all an allocator that honours requests would use.
    private static func requests(in object: MesosJSONObject) throws(MesosJSONError) -> [Resources] {
        let nested = try object.nested("request") { request throws(MesosJSONError) in
            try request.repeated("requests", of: RequestItem.self)
        }
        if let nested { return nested.map(\.resources) }
        return try object.repeated("requests", of: RequestItem.self).map(\.resources)
    }

    private struct RequestItem: MesosJSONDecodable {
        var resources: Resources

        /// `"resources": {}` is read as none: Mesos's docs and mesoshttp's show it so, and a
        /// request is advisory anyway.
        init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
            let object = try value.object()
            _ = try object.optional("agent_id", as: AgentID.self)
            if case .object(let empty)? = object["resources"], empty.members.isEmpty {
                resources = Resources()
            } else {
                resources = try object.optional("resources") ?? Resources()
            }
        }
    }
}

/// `Call.Reconcile.Task`: `{"task_id","agent_id"}`.
extension ReconcileTask: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("task_id", taskID)
            writer.field("agent_id", ifPresent: agentID)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(taskID: try object.required("task_id"), agentID: try object.optional("agent_id"))
    }
}
