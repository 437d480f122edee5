import CorralModel

/// Mesos's operator API (`POST /api/v1`) in JSON, written from a `ClusterSnapshot`.
///
/// Responses are `{"type": T, "<lowercase t>": {...}}` in master.proto's JSON mapping (see
/// shared/reference/mesos-v1.md): snake_case, enums by name, int64 as numbers, repeated fields
/// only when non-empty, fields in the proto's declaration order. Everything is written straight
/// into one `MesosJSONWriter`, with no tree in between: a GET_STATE of 100,000 tasks is a few
/// tens of milliseconds.
public enum OperatorJSON {
    /// The body of the 200 answer to `call`; nil for calls answered otherwise (SUBSCRIBE is a
    /// stream that starts with `subscribed(…)`; UPDATE_WEIGHTS and TEARDOWN answer 200 with no
    /// body once the master has acted). `extraMetrics` are counters the caller keeps (GET_METRICS
    /// merges them over those computed from the snapshot).
    public static func response(
        to call: OperatorCall, snapshot: ClusterSnapshot, master: MasterDescription, extraMetrics: [String: Double] = [:]
    ) -> [UInt8]? {
        var writer = MesosJSONWriter(reservingCapacity: call.writesTasks ? snapshot.estimatedJSONSize : 1024)
        guard writeResponse(to: call, snapshot: snapshot, master: master, extraMetrics: extraMetrics, into: &writer) else {
            return nil
        }
        return writer.bytes
    }

    /// `response(to:…)` into a writer the caller owns (one that already holds a RecordIO
    /// prefix, say). Returns false, having written nothing, for calls with no response body.
    @discardableResult
    public static func writeResponse(
        to call: OperatorCall, snapshot: ClusterSnapshot, master: MasterDescription, extraMetrics: [String: Double] = [:],
        into writer: inout MesosJSONWriter
    ) -> Bool {
        switch call {
        case .subscribe, .updateWeights, .updateQuota, .teardown, .markAgentGone, .killTask:
            return false
        default:
            break
        }
        writer.writeObject { writer in
            writer.field("type", call.typeName)
            switch call {
            case .getHealth:
                writer.field("get_health") { $0.field("healthy", true) }
            case .getFlags:
                writer.field("get_flags") { writeFlags(master.flags, into: &$0) }
            case .getVersion:
                writer.field("get_version") { $0.field("version_info", master.versionInfo) }
            case .getMetrics:
                writer.field("get_metrics") { writer in
                    let metrics = MasterMetrics.values(of: snapshot, master: master, extra: extraMetrics)
                    writeNameValueList("metrics", metrics.map { ($0.name, $0.value) }, into: &writer)
                }
            case .getState:
                writer.field("get_state") { writeGetState(snapshot, master: master, into: &$0) }
            case .getAgents:
                writer.field("get_agents") { writeGetAgents(snapshot, master: master, into: &$0) }
            case .getFrameworks:
                writer.field("get_frameworks") { writeGetFrameworks(snapshot, into: &$0) }
            case .getExecutors:
                writer.field("get_executors") { writeGetExecutors(snapshot, into: &$0) }
            case .getOperations:
                // Corral tracks no operation feedback: there are never operations to list.
                writer.field("get_operations") { _ in }
            case .getTasks:
                writer.field("get_tasks") { writeGetTasks(snapshot, into: &$0) }
            case .getRoles:
                writer.field("get_roles") { writeGetRoles(snapshot, into: &$0) }
            case .getWeights:
                writer.field("get_weights") { writer in
                    writer.field("weight_infos", nonEmpty: snapshot.roles.map { RoleWeight(role: $0.name, weight: $0.weight) })
                }
            case .getMaster:
                writer.field("get_master") { writeGetMaster(snapshot, master: master, into: &$0) }
            case .subscribe, .updateWeights, .updateQuota, .teardown, .markAgentGone, .killTask:
                break
            }
        }
        return true
    }

    /// GET_FLAGS's `{"flags":[{"name","value"}]}`, by name, of a master or an agent.
    static func writeFlags(_ flags: [String: String], into writer: inout MesosJSONWriter) {
        writeNameValueList("flags", flags.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, into: &writer)
    }

    /// `{"flags":[{"name","value"}]}` and `{"metrics":[{"name","value"}]}`: Mesos's `Flag` and
    /// `Metric` are both a name and a value.
    static func writeNameValueList<Value: MesosJSONEncodable>(
        _ key: StaticString, _ items: [(String, Value)], into writer: inout MesosJSONWriter
    ) {
        guard !items.isEmpty else { return }
        writer.key(key)
        writer.writeArray { writer in
            for (name, value) in items {
                writer.writeObject { writer in
                    writer.field("name", name)
                    writer.field("value", value)
                }
            }
        }
    }

    /// GET_MASTER: `{"master_info","start_time","elected_time"}`, times in seconds.
    static func writeGetMaster(_ snapshot: ClusterSnapshot, master: MasterDescription, into writer: inout MesosJSONWriter) {
        writer.field("master_info", snapshot.masterInfo)
        writer.field("start_time", snapshot.startedAt.seconds)
        writer.field("elected_time", (master.electedAt ?? snapshot.startedAt).seconds)
    }

    /// GET_ROLES: `{"roles":[{"name","weight","frameworks","resources"}]}`. As Mesos does,
    /// `resources` are the role's allocated plus offered quantities of cpus, disk, gpus and mem,
    /// as plain unreserved scalars.
    static func writeGetRoles(_ snapshot: ClusterSnapshot, into writer: inout MesosJSONWriter) {
        guard !snapshot.roles.isEmpty else { return }
        var offered: [String: Resources] = [:]
        for offer in snapshot.offers { offered[offer.offer.role, default: Resources()].add(offer.offer.resources) }
        writer.key("roles")
        writer.writeArray { writer in
            for role in snapshot.roles {
                writer.writeObject { writer in
                    writer.field("name", role.name)
                    writer.field("weight", role.weight)
                    writer.field("frameworks", nonEmpty: role.frameworks)
                    let held = role.allocated + (offered[role.name] ?? Resources())
                    let quantities = ["cpus", "disk", "gpus", "mem"].compactMap { name -> Resource? in
                        let amount = held.scalar(name)
                        return amount > 0 ? Resource(name: name, value: .scalar(amount)) : nil
                    }
                    writer.field("resources", nonEmpty: quantities)
                }
            }
        }
    }
}

extension OperatorCall {
    /// Whether the answer lists tasks, and so is worth a large buffer from the start.
    var writesTasks: Bool {
        switch self {
        case .getState, .getTasks: true
        default: false
        }
    }
}
