import CorralHTTPServer
import CorralModel

/// A path the files API serves, taken apart: the task sandbox it lies in and the names below
/// it. Two spellings reach a sandbox, and both are checked the same way:
/// - the virtual `/frameworks/<framework>/tasks/<task>[/…]`;
/// - the sandbox's own path, `<work-dir>/agents/<agent>/frameworks/<framework>/tasks/<task>[/…]`,
///   which is the `directory` the agent's `/state` gives (as Mesos's files API serves it).
///
/// Nothing outside a sandbox is ever named: `.` and `..` are refused wherever they stand, and
/// every other name is one directory entry (what it is, the opening decides: `SandboxEntry`).
struct SandboxPath: Hashable {
    var sandbox: Sandbox
    /// Below the sandbox directory, one entry name each; empty for the sandbox itself.
    var names: [String]
    /// The path as asked for, without trailing slashes: what listings join their names to.
    var requested: String

    /// Throws 400 for `.`, `..` or a NUL, 404 for any path that is not in a sandbox of this agent.
    init(_ path: String, workDirectory: String, agentID: AgentID) throws(HTTPProblem) {
        // The system reads a name only up to a NUL: `..%00` would be `..` to it.
        if path.utf8.contains(0) {
            throw HTTPProblem(.badRequest, "Path '\(path.replacingOccurrences(of: "\0", with: "\\0"))' contains a NUL")
        }
        let names = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if names.contains(where: { $0 == "." || $0 == ".." }) {
            throw HTTPProblem(.badRequest, "Path '\(path)' has a '.' or '..' component; the files API serves sandboxes only")
        }
        let root = workDirectory.split(separator: "/", omittingEmptySubsequences: true).map(String.init) + ["agents", agentID.value]
        let below: ArraySlice<String>
        if workDirectory.hasPrefix("/") == path.hasPrefix("/"), names.starts(with: root) {
            below = names.dropFirst(root.count)
        } else if path.hasPrefix("/"), names.first == "frameworks" {
            below = names[...]
        } else {
            throw Self.notFound(path)
        }
        // frameworks/<framework>/tasks/<task>, then what is in the sandbox.
        guard below.count >= 4, below[below.startIndex] == "frameworks", below[below.startIndex + 2] == "tasks" else {
            throw Self.notFound(path)
        }
        let frameworkID = FrameworkID(below[below.startIndex + 1])
        let taskID = TaskID(below[below.startIndex + 3])
        sandbox = Sandbox(workDirectory: workDirectory, agentID: agentID, frameworkID: frameworkID, taskID: taskID)
        self.names = Array(below.dropFirst(4))
        var requested = path
        while requested.count > 1, requested.hasSuffix("/") { requested.removeLast() }
        self.requested = requested
    }

    static func notFound(_ path: String) -> HTTPProblem {
        HTTPProblem(
            .notFound,
            "No such file or directory: '\(path)'; the files API serves /frameworks/<framework>/tasks/<task>/… and the sandbox "
                + "directories the agent's /state names")
    }
}
