/// What `/v2/info` and `/v2/leader` say about this Services.
public struct MarathonInfo: Encodable, Sendable {
    public var name = "corral-services"
    public var version = "1.10.0"
    public var frameworkId: String?
    public var leader: String
    public var elected = true
    public var marathon_config: [String: String]
    public var http_config: [String: String]
    /// Services keeps its state in SQLite, not ZooKeeper; the client still expects the object.
    public var zookeeper_config: [String: String] = [:]

    public init(frameworkID: String?, leader: String, master: String) {
        frameworkId = frameworkID
        self.leader = leader
        marathon_config = ["master": master, "framework_name": "services"]
        http_config = ["http_port": String(leader.split(separator: ":").last ?? "")]
    }
}
