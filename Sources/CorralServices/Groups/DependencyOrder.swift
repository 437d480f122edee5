/// Marathon's dependency order: an app waits for the apps it depends on, named directly or
/// through a group (its own or one of its groups'), so a deployment runs in steps, each
/// after the ones it depends on. A cycle has no order and is refused.
public enum DependencyOrder {
    /// Each app's dependencies as apps: a path names the app with that ID, or every app in the
    /// group with that path. `groupDependencies` hold for every app in the group and below. An
    /// app never waits for itself, and a path naming nothing is ignored (as Marathon does).
    public static func graph(apps: [AppID: [String]], groupDependencies: [GroupID: [String]]) -> [AppID: Set<AppID>] {
        let ids = apps.keys.sorted()
        var graph: [AppID: Set<AppID>] = [:]
        for id in ids {
            var paths = apps[id] ?? []
            for group in id.group.lineage { paths += groupDependencies[group] ?? [] }
            var needs = Set<AppID>()
            for path in Set(paths) {
                guard let named = try? GroupID(parsing: path) else { continue }
                for other in ids where other != id && named.contains(other.path) { needs.insert(other) }
            }
            graph[id] = needs
        }
        return graph
    }

    /// The steps in order (each sorted by ID), or the apps caught in a cycle when there is one.
    public static func steps(of graph: [AppID: Set<AppID>]) -> Result<[[AppID]], CycleError> {
        var waiting = graph.mapValues { needs in needs.filter { graph[$0] != nil } }
        var steps: [[AppID]] = []
        while !waiting.isEmpty {
            let ready = waiting.filter { $0.value.isEmpty }.keys.sorted()
            guard !ready.isEmpty else { return .failure(CycleError(apps: waiting.keys.sorted())) }
            steps.append(ready)
            for id in ready { waiting[id] = nil }
            for id in waiting.keys { waiting[id]?.subtract(ready) }
        }
        return .success(steps)
    }

    public struct CycleError: Error, Hashable {
        /// The apps left without an order: those in the cycle and those waiting on it.
        public var apps: [AppID]

        public var message: String {
            let shown = apps.prefix(10).map(\.path).joined(separator: ", ")
            return "Dependency graph has cyclic dependencies among \(shown)\(apps.count > 10 ? ", …" : "")"
        }
    }
}
