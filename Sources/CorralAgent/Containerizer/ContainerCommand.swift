import CorralModel
import Glibc

/// The command a container runs.
public enum ContainerCommand: Sendable, Hashable {
    /// Runs `/bin/sh -c` with this text.
    case shell(String)
    /// Runs `path` with `arguments` as its whole argv, argv[0] included, as Mesos's CommandInfo
    /// has it; no arguments means argv is just `[path]`. A path without "/" is looked up in the
    /// container's PATH, as a shell would.
    case exec(path: String, arguments: [String])
}

extension ContainerCommand {
    /// A task's (or a check's) CommandInfo: `/bin/sh -c value` when `shell`, else `value` with
    /// `arguments` as its argv.
    init(_ info: CommandInfo) {
        self = info.shell
            ? .shell(info.value ?? "")
            : .exec(path: info.value ?? "", arguments: info.arguments.isEmpty ? [info.value ?? ""] : info.arguments)
    }

    /// The file to execve and its argv. Lookup happens in the agent, before the child exists, so
    /// a missing program is reported by name.
    func resolve(path searchPath: String?) throws(LaunchProblem) -> (executable: String, argv: [String]) {
        switch self {
        case .shell(let text):
            return ("/bin/sh", ["sh", "-c", text])
        case .exec(let path, let arguments) where path.contains("/"):
            return (path, arguments.isEmpty ? [path] : arguments)
        case .exec(let name, let arguments):
            let directories = searchPath ?? "/usr/local/bin:/usr/bin:/bin"
            for directory in directories.split(separator: ":", omittingEmptySubsequences: false) {
                let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + name
                if access(candidate, X_OK) == 0 { return (candidate, arguments.isEmpty ? [name] : arguments) }
            }
            throw LaunchProblem("exec \(name): not found in PATH \(directories)")
        }
    }
}
