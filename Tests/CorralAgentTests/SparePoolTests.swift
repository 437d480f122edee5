import Foundation
import Synchronization
import Testing

@testable import CorralAgent

/// The pool under every kind of spare: names handed out once, nothing left once closed, and a
/// launch that never waits while a spare is being made.
@Suite("Spare pool", .timeLimit(.minutes(1)))
struct SparePoolTests {
    /// Spares as names in a set, made at once or, with `gate`, once the gate opens.
    final class Shelf: Sendable {
        let names = Mutex<Set<String>>([])
        let making = DispatchSemaphore(value: 0)
        let gate: DispatchSemaphore?

        init(gated: Bool = false) { gate = gated ? DispatchSemaphore(value: 0) : nil }

        var kind: SparePool.Kind {
            SparePool.Kind(
                make: { [self] name in
                    making.signal()
                    gate?.wait()
                    names.withLock { _ = $0.insert(name) }
                    return true
                },
                remove: { [self] name in names.withLock { _ = $0.remove(name) } })
        }
    }

    @Test("Leftovers with the prefix are removed; spares are handed out once each, put back, and removed on close")
    func lifecycle() {
        let shelf = Shelf()
        shelf.names.withLock { $0 = ["file-3", "other-1"] }
        let pool = SparePool(prefix: "file-", count: 2, leftovers: ["file-3", "other-1"], kind: shelf.kind)
        #expect(shelf.names.withLock { $0 } == ["other-1"])
        #expect(pool.take() == nil)
        pool.replenish()
        #expect(shelf.names.withLock { $0 } == ["other-1", "file-1", "file-2"])
        let taken = pool.take()
        #expect(taken == "file-2")
        pool.putBack("file-2")
        #expect(pool.take() == "file-2" && pool.take() == "file-1" && pool.take() == nil)
        pool.replenish()
        #expect(pool.adopt { _ in true } && pool.adopt { _ in true }, "room for twice the count")
        #expect(pool.adopt { _ in Issue.record("adopted with no room"); return true } == false)
        pool.close()
        #expect(shelf.names.withLock { $0 } == ["other-1", "file-1", "file-2"], "taken spares are the takers'")
        #expect(shelf.names.withLock { $0.contains("file-3") || $0.contains("file-4") } == false)
        #expect(pool.take() == nil, "the adopted ones went too")
        pool.replenish()
        #expect(pool.take() == nil && !pool.adopt { _ in true })
    }

    @Test("While a spare is being made, a launch does not wait: it takes none, and what it puts back or recycles goes")
    func aLaunchNeverWaits() async {
        let shelf = Shelf(gated: true)
        let pool = SparePool(prefix: "sandbox-", count: 2, leftovers: [], kind: shelf.kind)
        let replenished = Task.detached { pool.replenish() }
        shelf.making.wait()  // sandbox-1 is being made, under the lock
        #expect(pool.take() == nil)
        shelf.names.withLock { _ = $0.insert("returned") }
        pool.putBack("returned")
        #expect(!shelf.names.withLock { $0.contains("returned") }, "removed, not kept behind the lock")
        #expect(!pool.adopt { _ in Issue.record("moved while busy"); return true })
        shelf.gate?.signal()
        shelf.making.wait()  // sandbox-2
        shelf.gate?.signal()
        await replenished.value
        #expect(pool.take() == "sandbox-2")
    }
}
