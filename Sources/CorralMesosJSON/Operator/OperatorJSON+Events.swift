import CorralModel

/// The operator SUBSCRIBE stream's events (master.proto's `Event`), each one record of the
/// RecordIO stream: SUBSCRIBED with the whole state first, then one event per change.
extension OperatorJSON {
    /// `{"type":"SUBSCRIBED","subscribed":{"get_state":{…},"heartbeat_interval_seconds":N}}`.
    public static func subscribed(
        _ snapshot: ClusterSnapshot, master: MasterDescription, heartbeatIntervalSeconds: Double
    ) -> [UInt8] {
        var writer = MesosJSONWriter(reservingCapacity: snapshot.estimatedJSONSize)
        writer.writeObject { writer in
            writer.field("type", "SUBSCRIBED")
            writer.field("subscribed") { writer in
                writer.field("get_state") { writeGetState(snapshot, master: master, into: &$0) }
                writer.field("heartbeat_interval_seconds", heartbeatIntervalSeconds)
            }
        }
        return writer.bytes
    }

    /// `{"type":"HEARTBEAT"}`.
    public static func heartbeat() -> [UInt8] {
        Array(#"{"type":"HEARTBEAT"}"#.utf8)
    }

    /// The operator event for `event`, or nil when Mesos has none for it (offers, usage).
    ///
    /// - TASK_ADDED `{task}`, TASK_UPDATED `{framework_id, status, state}`.
    /// - AGENT_ADDED `{agent}` for both `.agentAdded` and `.agentUpdated`: Mesos has no
    ///   AGENT_UPDATED and announces a re-registered agent as added again; subscribers replace
    ///   the entry with the same ID.
    /// - AGENT_REMOVED `{agent_id}`.
    /// - FRAMEWORK_ADDED / FRAMEWORK_UPDATED `{framework}`, without offers (the event does not
    ///   carry them).
    /// - FRAMEWORK_REMOVED `{framework_info}`: the event names only the framework's ID and
    ///   name, so the full info is looked up in `previous`, the snapshot subscribers last saw;
    ///   without it the info holds just the ID and name.
    public static func event(_ event: ClusterEvent, master: MasterDescription, previous: ClusterSnapshot? = nil) -> [UInt8]? {
        var writer = MesosJSONWriter(reservingCapacity: 1024)
        guard writeEvent(event, master: master, previous: previous, into: &writer) else { return nil }
        return writer.bytes
    }

    /// `event(…)` into the caller's writer; false, having written nothing, when Mesos has no
    /// operator event for it.
    @discardableResult
    public static func writeEvent(
        _ event: ClusterEvent, master: MasterDescription, previous: ClusterSnapshot? = nil,
        into writer: inout MesosJSONWriter
    ) -> Bool {
        switch event {
        case .offerMade, .offerAccepted, .offerDeclined, .offerRescinded, .usageSampled:
            return false
        case .taskAdded(let task):
            writer.writeObject { writer in
                writer.field("type", "TASK_ADDED")
                writer.field("task_added") { $0.field("task", task) }
            }
        case .taskUpdated(let key, let status):
            writer.writeObject { writer in
                writer.field("type", "TASK_UPDATED")
                writer.field("task_updated") { writer in
                    writer.field("framework_id", key.frameworkID)
                    writer.field("status", status)
                    writer.field("state", status.state)
                }
            }
        case .agentAdded(let agent), .agentUpdated(let agent):
            writer.writeObject { writer in
                writer.field("type", "AGENT_ADDED")
                writer.field("agent_added") { writer in
                    writer.key("agent")
                    agent.encodeOperatorJSON(version: master.agentVersion, to: &writer)
                }
            }
        case .agentRemoved(let agentID, _):
            writer.writeObject { writer in
                writer.field("type", "AGENT_REMOVED")
                writer.field("agent_removed") { $0.field("agent_id", agentID) }
            }
        case .frameworkAdded(let framework):
            writeFramework(framework, type: "FRAMEWORK_ADDED", key: "framework_added", into: &writer)
        case .frameworkUpdated(let framework):
            writeFramework(framework, type: "FRAMEWORK_UPDATED", key: "framework_updated", into: &writer)
        case .frameworkRemoved(let frameworkID, let name):
            var info = previous?.frameworks.first { $0.id == frameworkID }?.info
                ?? FrameworkInfo(user: "", name: name, roles: [], capabilities: [])
            info.id = frameworkID
            writer.writeObject { writer in
                writer.field("type", "FRAMEWORK_REMOVED")
                writer.field("framework_removed") { $0.field("framework_info", info) }
            }
        }
        return true
    }

    /// FRAMEWORK_ADDED and FRAMEWORK_UPDATED: `{framework}`, without offers.
    private static func writeFramework(_ framework: FrameworkSnapshot, type: String, key: StaticString, into writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("type", type)
            writer.field(key) { writer in
                writer.key("framework")
                framework.encodeOperatorJSON(offers: [], to: &writer)
            }
        }
    }
}
