import CorralModel

/// Mesos's legacy GET endpoints, written from a `ClusterSnapshot`: plain JSON as
/// src/master/readonly_handler.cpp writes it, not the proto mapping. IDs are strings,
/// resources are totals by name, times are seconds, agents are `slaves`, and lists are written
/// even when empty (tools index into them without checking).
///
/// Keys come in Mesos's order. Each endpoint writes into one buffer with no tree in between,
/// and groups tasks, offers and executors by framework in one pass.
public enum LegacyJSON {
    /// `/master/state` (also `/state` and `/state.json`).
    ///
    /// `completed_frameworks` lists the frameworks removed lately (their ended
    /// tasks are listed by `/master/tasks`). `orphan_tasks` and `unregistered_frameworks` are
    /// empty, as in every Mesos since 1.2.
    public static func state(_ snapshot: ClusterSnapshot, master: MasterDescription) -> [UInt8] {
        var writer = MesosJSONWriter(reservingCapacity: snapshot.estimatedJSONSize)
        let version = master.versionInfo
        let masterPID = legacyMasterPID(snapshot.masterInfo)
        let activeAgents = snapshot.agents.reduce(0) { $0 + ($1.active ? 1 : 0) }
        writer.writeObject { writer in
            writer.legacyBuild(version)
            writer.field("start_time", snapshot.startedAt.seconds)
            writer.field("elected_time", (master.electedAt ?? snapshot.startedAt).seconds)
            writer.field("id", snapshot.masterInfo.id)
            writer.field("pid", masterPID)
            writer.field("hostname", snapshot.masterInfo.hostname)
            writer.key("capabilities")
            writer.writeArray { _ in }
            // Mesos's gauges are doubles, and these come straight from them.
            writer.field("activated_slaves", Double(activeAgents))
            writer.field("deactivated_slaves", Double(snapshot.agents.count - activeAgents))
            writer.field("unreachable_slaves", Double(snapshot.unreachableAgents.count))
            // Corral's master always leads: it is its own leader.
            writer.field("leader", masterPID)
            writer.field("leader_info") { writeLegacyMasterInfo(snapshot.masterInfo, into: &$0) }
            writer.field("cluster", ifPresent: master.cluster)
            // Corral's: the registry's cluster ID, the same across the master's restarts.
            writer.field("cluster_id", ifPresent: snapshot.clusterID)
            writer.field("flags") { $0.legacyFlags(master.flags) }
            writer.key("slaves")
            writeLegacyAgents(snapshot, master: master, full: false, into: &writer)
            writer.legacyRegistryAgents(snapshot)
            writer.key("frameworks")
            writeLegacyFrameworks(snapshot, selecting: nil, into: &writer)
            writer.key("completed_frameworks")
            writeLegacyFrameworks(snapshot, completed: true, into: &writer)
            writer.key("orphan_tasks")
            writer.writeArray { _ in }
            writer.key("unregistered_frameworks")
            writer.writeArray { _ in }
        }
        return writer.bytes
    }

    /// `/master/frameworks`: `{"frameworks","completed_frameworks","unregistered_frameworks"}`,
    /// only the framework `frameworkID` names when given (its `framework_id` query parameter).
    public static func frameworks(_ snapshot: ClusterSnapshot, frameworkID: FrameworkID? = nil) -> [UInt8] {
        var writer = MesosJSONWriter(reservingCapacity: snapshot.estimatedJSONSize)
        writer.writeObject { writer in
            writer.key("frameworks")
            writeLegacyFrameworks(snapshot, selecting: frameworkID, into: &writer)
            writer.key("completed_frameworks")
            writeLegacyFrameworks(snapshot, completed: true, into: &writer)
            writer.key("unregistered_frameworks")
            writer.writeArray { _ in }
        }
        return writer.bytes
    }

    /// `/master/slaves` (and `/slaves`): `{"slaves":[…],"recovered_slaves":[…]}` (and Corral's
    /// `unreachable_agents` and `gone_agents`), each agent with
    /// its resources in both forms; only the agent `agentID` names when given (`slave_id`).
    public static func slaves(_ snapshot: ClusterSnapshot, master: MasterDescription, agentID: AgentID? = nil) -> [UInt8] {
        var writer = MesosJSONWriter(reservingCapacity: 4096 + snapshot.agents.count * 3000)
        writer.writeObject { writer in
            writer.key("slaves")
            writeLegacyAgents(snapshot, master: master, full: true, selecting: agentID, into: &writer)
            writer.legacyRegistryAgents(snapshot, selecting: agentID)
        }
        return writer.bytes
    }

    // MARK: Parts

    /// `master@host:port`, the libprocess address tools parse for the leader's host and port.
    static func legacyMasterPID(_ info: MasterInfo) -> String { "master@\(info.hostname):\(info.port)" }

    /// Mesos's legacy `MasterInfo`: `{"id","pid","port","hostname"}`.
    static func writeLegacyMasterInfo(_ info: MasterInfo, into writer: inout MesosJSONWriter) {
        writer.field("id", info.id)
        writer.field("pid", legacyMasterPID(info))
        writer.field("port", info.port)
        writer.field("hostname", info.hostname)
    }

    private static func writeLegacyAgents(
        _ snapshot: ClusterSnapshot, master: MasterDescription, full: Bool, selecting agentID: AgentID? = nil,
        into writer: inout MesosJSONWriter
    ) {
        let version = master.agentVersion
        writer.writeArray { writer in
            for agent in snapshot.agents where agentID == nil || agent.id == agentID {
                agent.encodeLegacyJSON(version: version, full: full, to: &writer)
            }
        }
    }

    private static func writeLegacyFrameworks(
        _ snapshot: ClusterSnapshot, selecting frameworkID: FrameworkID? = nil, completed: Bool = false, into writer: inout MesosJSONWriter
    ) {
        let groups = LegacyFrameworkGroups(snapshot)
        writer.writeArray { writer in
            for framework in completed ? snapshot.completedFrameworks : snapshot.frameworks where frameworkID == nil || framework.id == frameworkID {
                groups.write(framework, of: snapshot, to: &writer)
            }
        }
    }
}
