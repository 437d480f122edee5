import Testing

@testable import CorralMesosJSON
@testable import CorralModel

/// Many array items are encoded in chunks on several threads: the bytes must be those one
/// thread writes, items skipped or not, whatever the count against the chunking.
@Suite struct ParallelItemsTests {
    static func sequential(_ values: [Int], keeping kept: @Sendable (Int) -> Bool) -> [UInt8] {
        var writer = MesosJSONWriter()
        writer.writeObject { writer in
            writer.key("items")
            writer.writeArray { writer in for value in values where kept(value) { writer.writeObject { $0.field("n", value) } } }
            writer.field("after", true)
        }
        return writer.bytes
    }

    @Test(arguments: [0, 1, MesosJSONWriter.parallelItemThreshold - 1, MesosJSONWriter.parallelItemThreshold, 2049, 50_001])
    func chunkedItemsAreTheItemsOneThreadWrites(count: Int) throws {
        let values = Array(0..<count)
        for kept in [{ (_: Int) in true }, { $0 % 3 == 0 }, { $0 < 5 }, { $0 >= count - 1 }, { (_: Int) in false }] as [@Sendable (Int) -> Bool] {
            var writer = MesosJSONWriter()
            writer.writeObject { writer in
                writer.key("items")
                writer.writeArray { writer in writer.items(values) { value, writer in if kept(value) { writer.writeObject { $0.field("n", value) } } } }
                writer.field("after", true)
            }
            #expect(writer.bytes == Self.sequential(values, keeping: kept))
            _ = try MesosJSON.parse(writer.bytes)
        }
    }
}
