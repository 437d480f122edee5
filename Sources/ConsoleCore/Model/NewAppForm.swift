/// The new-app dialog (`n` on the Services pane): an app id and a command, with resources,
/// an instance count and an optional health check command. The id has the cursor; the others
/// hold defaults, so `n`, an id, Tab, a command, Enter creates an app.
public struct NewAppForm: FormDialog {
    public enum Field: Int, FormField {
        case id, command, cpus, mem, instances, healthCommand

        public var label: String {
            switch self {
            case .id: "ID"
            case .command: "Command"
            case .cpus: "CPUs"
            case .mem: "Memory (MB)"
            case .instances: "Instances"
            case .healthCommand: "Health command"
            }
        }
    }

    public var values: [Field: String] = [.id: "", .command: "", .cpus: "0.1", .mem: "32", .instances: "1", .healthCommand: ""]
    public var focused: Field = .id
    public var errors: [String] = []
    /// Ids of the apps that exist already: Services would refuse those.
    public var existingIDs: Set<String>

    public init(existingIDs: Set<String> = []) {
        self.existingIDs = existingIDs
    }

    public var title: String { "New app" }
    public var submitLabel: String { "Create" }

    public func placeholder(for field: Field) -> String? {
        switch field {
        case .id: "/name"
        case .healthCommand: "(none: running is healthy)"
        default: nil
        }
    }

    public func validated() -> Result<NewAppSpec, FormErrors> {
        var problems: [String] = []
        let id = Self.appPath(trimmed(.id))
        switch id {
        case .failure(let problem): problems.append("ID: \(problem.message)")
        case .success(let path) where existingIDs.contains(path): problems.append("ID: \(path) exists already")
        case .success: break
        }
        let command = trimmed(.command)
        if command.isEmpty { problems.append("Command: enter a shell command to keep running") }
        let cpus = positiveNumber(.cpus)
        if cpus == nil { problems.append("CPUs: '\(self[.cpus])' is not a positive number") }
        let mem = positiveNumber(.mem)
        if mem == nil { problems.append("Memory: '\(self[.mem])' is not a positive number of MB") }
        let instances = wholeNumber(.instances, in: 0...1000)
        if instances == nil { problems.append("Instances: '\(self[.instances])' is not a whole number from 0 to 1000") }
        let health = trimmed(.healthCommand)
        guard case .success(let path) = id, let cpus, let mem, let instances, problems.isEmpty else {
            return .failure(FormErrors(messages: problems))
        }
        return .success(NewAppSpec(id: path, command: command, cpus: cpus, mem: mem, instances: instances, healthCommand: health.isEmpty ? nil : health))
    }

    /// An app id as Services (and Marathon) accept it: `/`-separated segments of lowercase
    /// letters, digits, '-' and '.', none starting or ending with '-' or '.'. A missing leading
    /// '/' is added, as Marathon does; the failure says what is wrong with the text.
    static func appPath(_ text: String) -> Result<String, AppIDProblem> {
        if text.isEmpty { return .failure(AppIDProblem("enter a path like /web")) }
        let segments = text.split(separator: "/", omittingEmptySubsequences: false).dropFirst(text.hasPrefix("/") ? 1 : 0)
        for segment in segments {
            if segment.isEmpty { return .failure(AppIDProblem("'\(text)' has an empty segment; write it like /web or /shop/api")) }
            let allowed = segment.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
            if !allowed { return .failure(AppIDProblem("'\(segment)' may have only lowercase letters, digits, '-' and '.'")) }
            let edges: [Character] = ["-", "."]
            if edges.contains(segment.first!) || edges.contains(segment.last!) {
                return .failure(AppIDProblem("'\(segment)' must not start or end with '-' or '.'"))
            }
        }
        return .success("/" + segments.joined(separator: "/"))
    }
}

/// What is wrong with a typed app id.
struct AppIDProblem: Error, Hashable {
    var message: String
    init(_ message: String) { self.message = message }
}
