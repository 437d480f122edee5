import CorralModel

/// Waits until `condition` holds, checking every few milliseconds, for at most `timeout`
/// seconds of real time. Returns whether it held: tests wait for a state, never a fixed time.
public func eventually(
    timeout: Double = 10, _ condition: @Sendable () async throws -> Bool
) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .milliseconds(Int(timeout * 1000)))
    while clock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return try await condition()
}
