import CorralModel

extension Task {
    /// The task's result, or nil when it has not ended within `limit` of real time (it is then
    /// cancelled). A test's time limit cancels the test, not an unstructured task the test awaits:
    /// awaiting `value` of a task that never ends would stall the whole run without naming anyone.
    public func result(within limit: Duration) async -> Result<Success, Failure>? {
        let first = Latch<Result<Success, Failure>?>()
        Task<Void, Never> { first.complete(await self.result) }
        let timer = Task<Void, Never> {
            try? await Task<Never, Never>.sleep(for: limit)
            first.complete(nil)
        }
        let outcome = await first.wait()
        timer.cancel()
        if outcome == nil { cancel() }
        return outcome
    }

    /// The task's value, or nil when it has not ended within `limit`; rethrows its error.
    public func value(within limit: Duration) async throws(Failure) -> Success? {
        try await result(within: limit)?.get()
    }
}
