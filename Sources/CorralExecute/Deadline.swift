import CorralModel

/// The time given was up before the work answered.
public struct DeadlinePassed: Error, CustomStringConvertible {
    public var seconds: Double
    public var description: String { "no answer within \(formatScalar(seconds)) s" }
}

/// Runs `body`, or throws `DeadlinePassed` once `seconds` have gone by (`body` is cancelled).
public func withDeadline<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .clampedSeconds(seconds))
            throw DeadlinePassed(seconds: seconds)
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw DeadlinePassed(seconds: seconds) }
        return first
    }
}
