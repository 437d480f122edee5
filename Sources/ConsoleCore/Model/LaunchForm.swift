/// The launch dialog's fields and their checking. The command field comes first and has the
/// cursor, the others hold defaults: `l`, a command, Enter launches.
public struct LaunchForm: FormDialog {
    public enum Field: Int, FormField {
        case command, name, cpus, mem, instances

        public var label: String {
            switch self {
            case .command: "Command"
            case .name: "Name"
            case .cpus: "CPUs"
            case .mem: "Memory (MB)"
            case .instances: "Instances"
            }
        }
    }

    public var values: [Field: String] = [.command: "", .name: "", .cpus: "0.1", .mem: "32", .instances: "1"]
    public var focused: Field = .command
    public var errors: [String] = []

    public init() {}

    public var title: String { "Launch a task" }
    public var submitLabel: String { "Launch" }

    public func placeholder(for field: Field) -> String? { field == .name ? "(from the command)" : nil }

    public func validated() -> Result<LaunchSpec, FormErrors> {
        var problems: [String] = []
        let command = trimmed(.command)
        if command.isEmpty { problems.append("Command: enter a shell command to run") }
        var name = trimmed(.name)
        if name.isEmpty { name = String(command.split(separator: " ").first?.split(separator: "/").last ?? "task") }
        if name.contains("/") { problems.append("Name: '\(name)' must not contain '/'") }
        let cpus = positiveNumber(.cpus)
        if cpus == nil { problems.append("CPUs: '\(self[.cpus])' is not a positive number") }
        let mem = positiveNumber(.mem)
        if mem == nil { problems.append("Memory: '\(self[.mem])' is not a positive number of MB") }
        let instances = wholeNumber(.instances, in: 1...1000)
        if instances == nil { problems.append("Instances: '\(self[.instances])' is not a whole number from 1 to 1000") }
        guard let cpus, let mem, let instances, problems.isEmpty else { return .failure(FormErrors(messages: problems)) }
        return .success(LaunchSpec(name: name, command: command, cpus: cpus, mem: mem, instances: instances))
    }
}
