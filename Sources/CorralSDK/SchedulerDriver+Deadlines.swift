import CorralModel

extension SchedulerDriver {
    /// Runs the driver with `timer` beside it, for what a framework does without an event (due
    /// schedules, ended backoffs): the framework arms the timer with its next deadline after each
    /// change, and the timer stops when the driver ends. Ends when the driver ends or the task is
    /// cancelled; throws `refused` when the master refused the framework.
    public func run(waking timer: DeadlineTimer) async throws {
        defer { timer.disarm() }
        try await run()
        if let refusal { throw SchedulerDriverError.refused(refusal) }
    }
}
