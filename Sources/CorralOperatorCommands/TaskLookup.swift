import CorralModel

/// Which task a person means by what they typed: its ID, or the start of its ID when only one
/// task's ID starts so, optionally within one framework (its ID, the start of it, or its name).
public enum TaskLookup {
    public enum Match: Hashable, Sendable {
        case found(TaskRecord)
        case none
        /// Several tasks match; each is listed once, ordered by ID then framework.
        case ambiguous([TaskRecord])
    }

    /// An exact ID wins over longer IDs it starts (`web` is `web`, not also `web-2`). Tasks that
    /// share an ID in different frameworks are different tasks: the framework tells them apart.
    /// A task listed twice under one key (ended, then launched again with the same ID) counts
    /// once, as its latest launch (the first listed, of two launched at once).
    public static func find(_ query: String, framework: String? = nil, among tasks: [TaskRecord], frameworks: [FrameworkSnapshot] = []) -> Match {
        guard !query.isEmpty else { return .none }
        var latest: [TaskKey: TaskRecord] = [:]
        for task in tasks where task.id.value.hasPrefix(query) && matches(task.frameworkID, framework, frameworks) {
            if let known = latest[task.key], known.launchedAt >= task.launchedAt { continue }
            latest[task.key] = task
        }
        let candidates = latest.values.sorted { ($0.id.value, $0.frameworkID.value) < ($1.id.value, $1.frameworkID.value) }
        let exact = candidates.filter { $0.id.value == query }
        let chosen = exact.isEmpty ? candidates : exact
        switch chosen.count {
        case 0: return .none
        case 1: return .found(chosen[0])
        default: return .ambiguous(chosen)
        }
    }

    private static func matches(_ id: FrameworkID, _ framework: String?, _ frameworks: [FrameworkSnapshot]) -> Bool {
        guard let framework else { return true }
        if id.value.hasPrefix(framework) { return true }
        return frameworks.contains { $0.id == id && $0.info.name == framework }
    }
}
