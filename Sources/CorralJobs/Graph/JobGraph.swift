import CorralModel

/// The dependencies between jobs: a job with parents runs when every parent has succeeded since
/// the job's own last run. The graph stays acyclic: adding an edge that would close a cycle is
/// refused, naming the cycle.
public struct JobGraph: Hashable, Sendable {
    /// Parents of each job (jobs without parents are scheduled by time and appear with []).
    public private(set) var parents: [String: [String]] = [:]

    public init() {}

    /// A graph whose edges were checked when they were made (a restore), taken as they are.
    init(parents: [String: [String]]) { self.parents = parents }

    public var jobs: [String] { parents.keys.sorted() }

    public func children(of name: String) -> [String] {
        parents.filter { $0.value.contains(name) }.map(\.key).sorted()
    }

    /// Adds or replaces a job with its parents.
    public mutating func set(_ name: String, parents newParents: [String]) throws(JobGraphError) {
        for parent in newParents where parents[parent] == nil && parent != name {
            throw JobGraphError(job: name, problem: "parent '\(parent)' is not a known job")
        }
        if newParents.contains(name) { throw JobGraphError(job: name, problem: "a job cannot depend on itself") }
        var trial = self
        trial.parents[name] = Array(Set(newParents)).sorted()
        if let cycle = trial.cycle(through: name) {
            throw JobGraphError(job: name, problem: "dependencies would form a cycle: \(cycle.joined(separator: " → "))")
        }
        self = trial
    }

    /// Removes a job; its children lose it as a parent (Chronos deletes the edge, not the child).
    public mutating func remove(_ name: String) {
        parents[name] = nil
        for child in parents.keys { parents[child]?.removeAll { $0 == name } }
    }

    /// A cycle through `name`, in the direction runs flow (parent → child), if there is one.
    /// Walked with a stack of its own: a chain of tens of thousands of jobs would overflow the
    /// thread's.
    func cycle(through name: String) -> [String]? {
        // Each frame: a job on the path and how many of its parents have been tried.
        var stack: [(job: String, next: Int)] = [(name, 0)]
        var visited: Set<String> = []
        while let top = stack.last {
            let jobParents = parents[top.job] ?? []
            guard top.next < jobParents.count else {
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next += 1
            let parent = jobParents[top.next]
            if parent == name { return (stack.map(\.job) + [name]).reversed() }
            if visited.insert(parent).inserted { stack.append((parent, 0)) }
        }
        return nil
    }

    /// Whether a dependent job should run now: every parent succeeded after the job last ran
    /// (or ever, when it never ran).
    public func isReady(_ name: String, lastRun: Time?, lastSuccess: (String) -> Time?) -> Bool {
        guard let jobParents = parents[name], !jobParents.isEmpty else { return false }
        return jobParents.allSatisfy { parent in
            guard let success = lastSuccess(parent) else { return false }
            return lastRun.map { success > $0 } ?? true
        }
    }

    /// Chronos's `/v1/scheduler/graph/csv`: one `node,<name>,<state>,<last result>` line per job
    /// and one `link,<parent>,<child>` line per edge.
    public func csv(state: (String) -> (status: String, lastResult: String)) -> String {
        var lines: [String] = []
        for job in jobs {
            let (status, result) = state(job)
            lines.append("node,\(job),\(result),\(status)")
        }
        for job in jobs {
            for parent in parents[job] ?? [] { lines.append("link,\(parent),\(job)") }
        }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }
}

public struct JobGraphError: Error, Equatable, CustomStringConvertible {
    public var job: String
    public var problem: String
    public var description: String { "job '\(job)': \(problem)" }
}
