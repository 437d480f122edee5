/// Mesos's realm names.
public enum MesosRealm {
    public static let scheduler = "mesos-master-scheduler"
    public static let readonly = "mesos-master-readonly"
    public static let readwrite = "mesos-master-readwrite"
    /// Mesos agents authenticate with SASL on libprocess; Corral's agents present HTTP Basic
    /// credentials to this realm instead.
    public static let agent = "corral-master-agent"
    public static let agentReadonly = "mesos-agent-readonly"
    public static let agentReadwrite = "mesos-agent-readwrite"
}
