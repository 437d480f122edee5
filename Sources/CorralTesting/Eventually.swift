import CorralModel

/// Waits until `condition` holds, checking every few milliseconds, for at most `timeout`
/// seconds of real time. Returns whether it held: tests wait for a state, never a fixed time.
/// The default is generous because the whole suite runs at once on a shared machine: a state
/// that comes in milliseconds alone can take many seconds under load, and only a failing test
/// ever waits the whole time.
public func eventually(
    timeout: Double = 30, _ condition: @Sendable () async throws -> Bool
) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .milliseconds(Int(timeout * 1000)))
    while clock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return try await condition()
}
