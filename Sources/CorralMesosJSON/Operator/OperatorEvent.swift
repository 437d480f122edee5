import CorralModel

/// One record of the operator SUBSCRIBE stream as model values: what a console attached to a
/// remote master reads from it.
public enum OperatorEvent: Hashable, Sendable {
    /// The first record: the whole state, and how often heartbeats will come (nil when the
    /// master does not say).
    case subscribed(ClusterSnapshot, heartbeatIntervalSeconds: Double?)
    /// A change: TASK_ADDED, TASK_UPDATED, AGENT_ADDED, AGENT_REMOVED, FRAMEWORK_ADDED,
    /// FRAMEWORK_UPDATED or FRAMEWORK_REMOVED.
    case event(ClusterEvent)
    case heartbeat
    /// An event type this side does not know (a newer master's): skip it, the stream goes on.
    case unrecognized(type: String)

    /// Reads one event. `receivedAt` dates the SUBSCRIBED snapshot, and `masterInfo` (from
    /// GET_MASTER) completes it; see `ClusterSnapshot(operatorState:…)` for what it lacks.
    ///
    /// What the ClusterEvents lack: AGENT_REMOVED gives no reason (it reads as "removed");
    /// an AGENT_ADDED of an agent already known is still `.agentAdded`; agents and frameworks
    /// have no task counts, usage or shares. TASK_UPDATED as Mesos's docs show it (the task's
    /// IDs and state with no `status`) reads too.
    public init(operatorJSON json: MesosJSONValue, receivedAt: Time, masterInfo: MasterInfo) throws(MesosJSONError) {
        let object = try json.object()
        let type: String = try object.required("type")
        switch type {
        case "SUBSCRIBED":
            self = try object.required("subscribed") { body throws(MesosJSONError) in
                let state = try body.required("get_state") { MesosJSONValue.object($0) }
                let snapshot: ClusterSnapshot
                do throws(MesosJSONError) {
                    snapshot = try ClusterSnapshot(operatorState: state, time: receivedAt, masterInfo: masterInfo)
                } catch {
                    throw error.prefixed(by: .key("get_state"))
                }
                return .subscribed(snapshot, heartbeatIntervalSeconds: try body.optional("heartbeat_interval_seconds"))
            }
        case "HEARTBEAT":
            self = .heartbeat
        case "TASK_ADDED":
            self = try object.required("task_added") { body throws(MesosJSONError) in
                .event(.taskAdded(try body.required("task")))
            }
        case "TASK_UPDATED":
            self = try object.required("task_updated") { body throws(MesosJSONError) in
                let frameworkID: FrameworkID = try body.optional("framework_id") ?? FrameworkID("")
                let status = try Self.status(in: body)
                return .event(.taskUpdated(TaskKey(frameworkID, status.taskID), status: status))
            }
        case "AGENT_ADDED":
            self = try object.required("agent_added") { body throws(MesosJSONError) in
                .event(.agentAdded(try body.required("agent", as: OperatorAgentEntry.self).agent))
            }
        case "AGENT_REMOVED":
            self = try object.required("agent_removed") { body throws(MesosJSONError) in
                .event(.agentRemoved(try body.required("agent_id"), reason: "removed"))
            }
        case "FRAMEWORK_ADDED":
            self = try object.required("framework_added") { body throws(MesosJSONError) in
                .event(.frameworkAdded(try body.required("framework", as: OperatorFrameworkEntry.self).framework))
            }
        case "FRAMEWORK_UPDATED":
            self = try object.required("framework_updated") { body throws(MesosJSONError) in
                .event(.frameworkUpdated(try body.required("framework", as: OperatorFrameworkEntry.self).framework))
            }
        case "FRAMEWORK_REMOVED":
            self = try object.required("framework_removed") { body throws(MesosJSONError) in
                let info: FrameworkInfo = try body.required("framework_info")
                return .event(.frameworkRemoved(info.id ?? FrameworkID(""), name: info.name))
            }
        default:
            self = .unrecognized(type: type)
        }
    }

    /// `status`, with `state` (the task's latest) taking precedence when they differ; or, as
    /// Mesos's docs show the event, the status's fields straight in the body.
    private static func status(in body: MesosJSONObject) throws(MesosJSONError) -> TaskStatus {
        let state: TaskState? = try body.optional("state")
        if var status: TaskStatus = try body.optional("status") {
            if let state { status.state = state }
            return status
        }
        guard let state else { throw .missing("status") }
        return TaskStatus(
            taskID: try body.required("task_id"), state: state, agentID: try body.optional("agent_id"),
            executorID: try body.optional("executor_id"))
    }
}
