import Dispatch

extension MesosJSONWriter {
    /// Below this many items, one thread writes them: handing chunks to others costs more.
    public static let parallelItemThreshold = 2048

    /// The items of the array being written, each as `encode` writes it (nothing, for an item it
    /// skips), in order. Many items are encoded in chunks on several threads at once and joined:
    /// GET_STATE after a failover lists 100,000 tasks, whose JSON took half a second on one core.
    public mutating func items<Item: Sendable>(_ items: [Item], _ encode: @Sendable (Item, inout MesosJSONWriter) -> Void) {
        guard items.count >= Self.parallelItemThreshold else {
            for item in items { encode(item, &self) }
            return
        }
        // More chunks than cores, so a thread that finishes early takes another.
        let chunkCount = 16
        let chunkSize = (items.count + chunkCount - 1) / chunkCount
        let capacity = bytes.capacity / chunkCount + 1024
        let chunks = [[UInt8]](unsafeUninitializedCapacity: chunkCount) { buffer, initialized in
            let chunkStorage = UncheckedChunks(base: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                var writer = MesosJSONWriter(reservingCapacity: capacity)
                for index in (chunk * chunkSize)..<min(items.count, (chunk + 1) * chunkSize) { encode(items[index], &writer) }
                chunkStorage.base?.advanced(by: chunk).initialize(to: writer.bytes)
            }
            initialized = chunkCount
        }
        // Each chunk is its items with commas between them: one more comma joins two chunks.
        for chunk in chunks where !chunk.isEmpty { rawJSON(chunk) }
    }
}

/// The chunks' slots, each written by exactly one iteration: disjoint, so no two threads touch
/// the same memory.
private struct UncheckedChunks: @unchecked Sendable {
    let base: UnsafeMutablePointer<[UInt8]>?
}
