import CorralModel
extension SchedulerDriver {
    /// Runs the driver with a timer beside it: `tick` every `interval` seconds, for what a
    /// framework does without an event (due schedules, ended backoffs, rolling-update steps).
    /// Ends when the driver ends or the task is cancelled; throws `refused` when the master
    /// refused the framework. `sleep` waits on the caller's clock.
    public func run(
        ticking interval: Double,
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .clampedSeconds($0)) },
        _ tick: @escaping @Sendable () async -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.run() }
            group.addTask {
                while !Task.isCancelled {
                    try await sleep(interval)
                    await tick()
                }
            }
            try await group.next()
            group.cancelAll()
        }
        if let refusal { throw SchedulerDriverError.refused(refusal) }
    }
}
