import Glibc

/// Puts a container's processes under limits and reads back what they use: the part of the
/// containerizer that differs between cgroups v2, cgroups v1 and posix. One per containerizer.
protocol Isolator: Sendable {
    var mode: IsolationMode { get }
    /// The per-containerizer parent cgroups (`…/corral/<name>`); empty under posix.
    var roots: [String] { get }
    /// Creates the container's cgroups with its limits. Returns the files the launched child
    /// writes itself ("0") into before exec.
    func prepare(_ id: String, cpus: Double?, memoryBytes: UInt64?) throws(ContainerizerError) -> [String]
    /// The files a process writes "0" into to join a prepared container's cgroups (`prepare`
    /// returns them too): `cgroup.procs`, or v1's `tasks`. Empty under posix.
    func cgroupJoinFiles(of id: String) -> [String]
    /// The container's live processes, as far as this isolation can see them (zombies excluded).
    func processes(of id: String, leader: pid_t) -> [pid_t]
    func usage(of id: String, leader: pid_t) -> ContainerUsage
    /// Usage of all containers together; `leaders` are the containers' first processes.
    func totalUsage(leaders: [pid_t]) -> ContainerUsage
    func oomKilled(_ id: String) -> Bool
    /// Kills whatever is left of the container and removes its cgroups. `leader` is nil when the
    /// launch failed before a process existed.
    func destroy(_ id: String, leader: pid_t?) throws(ContainerizerError)
    /// Kills what is left anywhere below the parent cgroups and removes them.
    func destroyRoots() throws(ContainerizerError)
    /// Makes ready, off a launch's path, what the next `prepare` would otherwise make on it.
    func prepareAhead()
    /// Removes what `prepareAhead` made and no launch took: the containerizer lets go.
    func releaseAhead()
}

extension Isolator {
    func prepareAhead() {}
    func releaseAhead() {}
}

/// How long destroying waits for killed processes to go and for the kernel to release a cgroup.
let destroyTimeout: Duration = .seconds(5)
