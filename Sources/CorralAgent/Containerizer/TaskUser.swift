import CorralModel
import Glibc

/// The user a task runs as (`--switch-user`): looked up on the agent when the task launches,
/// as Mesos does, so that a user who does not exist on this host fails the task with a message
/// instead of running it as the agent's user.
public struct TaskUser: Hashable, Sendable {
    public var name: String
    public var uid: uid_t
    public var gid: gid_t
    /// Supplementary groups, the primary one included.
    public var groups: [gid_t]
    public var home: String

    /// The name of the user this process runs as (its effective uid's passwd entry), read once;
    /// nil when that uid has no entry.
    public static let effectiveName: String? = SystemUser.name(of: geteuid())

    /// The passwd entry and group list of `name`, or nil when this host has no such user.
    public static func lookUp(_ name: String) -> TaskUser? {
        guard !name.isEmpty, !name.utf8.contains(0) else { return nil }
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16 * 1024)
        guard getpwnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        let uid = entry.pw_uid
        let gid = entry.pw_gid
        let home = entry.pw_dir.map { String(cString: $0) } ?? "/"
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        while getgrouplist(name, gid, &groups, &count) < 0 {
            guard count > Int32(groups.count), count <= 65536 else { break }
            groups = [gid_t](repeating: 0, count: Int(count))
        }
        return TaskUser(name: name, uid: uid, gid: gid, groups: Array(groups.prefix(Int(max(0, count)))), home: home)
    }
}
