import CorralModel

/// What Mesos's operator API and legacy endpoints report about the master that a
/// `ClusterSnapshot` does not hold: its build, when it was elected, its flags.
///
/// Kept apart from the snapshot because it changes never (or once, on election) while
/// snapshots are taken many times a second.
public struct MasterDescription: Hashable, Sendable {
    public var versionInfo: VersionInfo
    /// When this master became the leader; nil means when it started, which is Corral's case
    /// (it has no standby masters).
    public var electedAt: Time?
    /// `/master/state`'s `flags` and GET_FLAGS, written sorted by name.
    public var flags: [String: String]
    /// Mesos's `--cluster` name, shown by `/master/state` when set.
    public var cluster: String?

    public init(versionInfo: VersionInfo, electedAt: Time? = nil, flags: [String: String] = [:], cluster: String? = nil) {
        self.versionInfo = versionInfo
        self.electedAt = electedAt
        self.flags = flags
        self.cluster = cluster
    }

    /// A description with what `masterInfo` already says: its version, and the `hostname` and
    /// `port` flags every Mesos master reports. Callers that know more flags add them.
    public init(masterInfo: MasterInfo) {
        self.init(
            versionInfo: VersionInfo(version: masterInfo.version),
            flags: ["hostname": masterInfo.hostname, "port": String(masterInfo.port)])
    }

    /// The version each agent reports. Corral's agents are the master's own build, and
    /// `AgentSnapshot` keeps no version of its own.
    var agentVersion: String { versionInfo.numericVersion }
}
