/// The launch dialog's fields and their checking. The command field comes first and has the
/// cursor, the others hold defaults: `l`, a command, Enter launches.
public struct LaunchForm: Hashable, Sendable {
    public enum Field: Int, CaseIterable, Sendable {
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

    public subscript(field: Field) -> String {
        get { values[field] ?? "" }
        set { values[field] = newValue }
    }

    /// The task the form describes, or the problems with it (each naming the field and the value).
    public func validated() -> Result<LaunchSpec, LaunchFormErrors> {
        var problems: [String] = []
        let command = self[.command].trimmingCharacters(in: " ")
        if command.isEmpty { problems.append("Command: enter a shell command to run") }
        var name = self[.name].trimmingCharacters(in: " ")
        if name.isEmpty { name = String(command.split(separator: " ").first?.split(separator: "/").last ?? "task") }
        if name.contains("/") { problems.append("Name: '\(name)' must not contain '/'") }
        let cpus = Double(self[.cpus].trimmingCharacters(in: " "))
        if cpus == nil || !(cpus! > 0) || !cpus!.isFinite { problems.append("CPUs: '\(self[.cpus])' is not a positive number") }
        let mem = Double(self[.mem].trimmingCharacters(in: " "))
        if mem == nil || !(mem! > 0) || !mem!.isFinite { problems.append("Memory: '\(self[.mem])' is not a positive number of MB") }
        let instances = Int(self[.instances].trimmingCharacters(in: " "))
        if instances == nil || !(1...1000).contains(instances!) { problems.append("Instances: '\(self[.instances])' is not a whole number from 1 to 1000") }
        if !problems.isEmpty { return .failure(LaunchFormErrors(messages: problems)) }
        return .success(LaunchSpec(name: name, command: command, cpus: cpus!, mem: mem!, instances: instances!))
    }
}

public struct LaunchFormErrors: Error, Hashable, Sendable {
    public var messages: [String]
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var text = Substring(self)
        while text.first == set { text = text.dropFirst() }
        while text.last == set { text = text.dropLast() }
        return String(text)
    }
}
