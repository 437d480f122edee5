import Logging

/// The isolator a containerizer settled on, and why: the operator should never have to guess
/// whether limits are enforced.
struct IsolationChoice: Sendable {
    var isolator: any Isolator
    var reason: String

    /// Tries cgroups v2, then v1, unless posix was asked for. Creating the parent cgroups is the
    /// test of "usable": a hierarchy that is mounted but refuses a mkdir or a controller is not.
    /// `cgroups` throws when neither version works; `auto` falls back to posix, saying why.
    init(request: IsolationRequest, name: String, mounts: CgroupMounts, keepingContainers: Bool, logger: Logger) throws(ContainerizerError) {
        if request == .posix {
            self.init(isolator: PosixIsolator(), reason: "posix isolation was requested")
            return
        }
        let v2Problem: String
        do {
            let isolator = try CgroupsV2Isolator(name: name, mounts: mounts, keepingContainers: keepingContainers, logger: logger)
            self.init(isolator: isolator, reason: "cgroup2 hierarchy with cpu and memory at \(isolator.roots[0])")
            return
        } catch {
            v2Problem = error.detail
        }
        let v1Problem: String
        do {
            let isolator = try CgroupsV1Isolator(name: name, mounts: mounts, keepingContainers: keepingContainers, logger: logger)
            let places = CgroupsV1Isolator.controllers.map { "\($0) at \(mounts.controllers[$0]!.point)" }
            self.init(isolator: isolator, reason: "cgroup v1 hierarchies are writable (\(places.joined(separator: ", "))); not v2: \(v2Problem)")
            return
        } catch {
            v1Problem = error.detail
        }
        let problems = "not v2: \(v2Problem); not v1: \(v1Problem)"
        guard request == .auto else { throw .isolationUnavailable(problems) }
        self.init(isolator: PosixIsolator(), reason: "no usable cgroups, so no limits are enforced (\(problems))")
    }

    private init(isolator: any Isolator, reason: String) {
        self.isolator = isolator
        self.reason = reason
    }
}
