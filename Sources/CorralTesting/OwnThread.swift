import CorralModel
import Foundation

/// Runs `body` on a thread of its own and waits for it without holding one of the cooperative
/// pool's threads. The pool has one thread per core (two on CI's machines): a test that blocks in
/// a pipe read or `waitpid`, or computes for seconds, would otherwise stall every test that
/// waits for a task to run, and their deadlines would pass with nobody at fault.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    let outcome = Latch<Result<T, any Error>>()
    let thread = Thread { outcome.complete(Result { try body() }) }
    thread.start()
    return try await outcome.wait().get()
}

/// `onOwnThread` for work that cannot fail.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    let outcome = Latch<T>()
    let thread = Thread { outcome.complete(body()) }
    thread.start()
    return await outcome.wait()
}
