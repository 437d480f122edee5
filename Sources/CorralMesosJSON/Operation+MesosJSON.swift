import CorralModel

/// `Offer.Operation`: `{"type": T, "<lowercase t>": {...}}`.
///
/// LAUNCH carries `task_infos`; LAUNCH_GROUP an `executor` and a `task_group` of `tasks`;
/// RESERVE and UNRESERVE `resources`. CREATE and DESTROY carry `volumes` in mesos.proto (the
/// reference's "likewise" notwithstanding: the proto wins), so that is what is written; reading
/// also takes `resources` for them.
extension Operation: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("type", typeName)
            switch self {
            case .launch(let tasks):
                writer.field("launch") { $0.field("task_infos", nonEmpty: tasks) }
            case .launchGroup(let executor, let tasks):
                writer.field("launch_group") { writer in
                    writer.field("executor", executor)
                    writer.field("task_group") { $0.field("tasks", nonEmpty: tasks) }
                }
            case .reserve(let resources):
                writer.field("reserve") { $0.field("resources", nonEmpty: resources.entries) }
            case .unreserve(let resources):
                writer.field("unreserve") { $0.field("resources", nonEmpty: resources.entries) }
            case .create(let volumes):
                writer.field("create") { $0.field("volumes", nonEmpty: volumes.entries) }
            case .destroy(let volumes):
                writer.field("destroy") { $0.field("volumes", nonEmpty: volumes.entries) }
            }
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        let type: String = try object.required("type")
        switch type {
        case "LAUNCH":
            self = .launch(try object.required("launch") { launch throws(MesosJSONError) in
                try launch.repeated("task_infos", of: TaskInfo.self)
            })
        case "LAUNCH_GROUP":
            self = try object.required("launch_group") { group throws(MesosJSONError) in
                .launchGroup(
                    executor: try group.required("executor"),
                    tasks: try group.required("task_group") { taskGroup throws(MesosJSONError) in
                        try taskGroup.repeated("tasks", of: TaskInfo.self)
                    }
                )
            }
        case "RESERVE":
            self = .reserve(try object.required("reserve") { body throws(MesosJSONError) in
                try body.resources("resources")
            })
        case "UNRESERVE":
            self = .unreserve(try object.required("unreserve") { body throws(MesosJSONError) in
                try body.resources("resources")
            })
        case "CREATE":
            self = .create(try object.required("create") { body throws(MesosJSONError) in
                try body.resources("volumes", or: "resources")
            })
        case "DESTROY":
            self = .destroy(try object.required("destroy") { body throws(MesosJSONError) in
                try body.resources("volumes", or: "resources")
            })
        default:
            throw .type("unsupported operation type", type)
        }
    }

}

extension MesosJSONObject {
    /// A repeated Resource field as a bag, from `key` or, when that is absent, `fallback`.
    func resources(_ key: String, or fallback: String? = nil) throws(MesosJSONError) -> Resources {
        if let resources: Resources = try optional(key) { return resources }
        if let fallback, let resources: Resources = try optional(fallback) { return resources }
        return Resources()
    }
}
