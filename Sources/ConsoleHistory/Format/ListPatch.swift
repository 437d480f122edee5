/// A list written as the changes from its previous version: runs copied from the old list and
/// elements written out. A refresh of two thousand tasks where ten changed is a few runs and
/// ten tasks, and the order is kept exactly (a replayed frame must sort ties as the live one).
enum ListPatch {
    private static let end: UInt8 = 0, copy: UInt8 = 1, literal: UInt8 = 2

    /// `key` finds an element's old place when the runs break (an insertion or a removal).
    static func write<Element: HistoryCodable & Equatable, Key: Hashable>(
        _ new: [Element], against old: [Element], key: (Element) -> Key, to writer: inout ByteWriter
    ) {
        var places: [Key: Int]?
        var run: (start: Int, count: Int)?
        func flush(_ writer: inout ByteWriter) {
            guard let current = run else { return }
            writer.byte(copy)
            writer.uint(UInt64(current.start))
            writer.uint(UInt64(current.count))
            run = nil
        }
        for element in new {
            if let current = run, current.start + current.count < old.count, old[current.start + current.count] == element {
                run = (current.start, current.count + 1)
                continue
            }
            if places == nil { places = Dictionary(old.indices.map { (key(old[$0]), $0) }, uniquingKeysWith: { first, _ in first }) }
            if let place = places?[key(element)], old[place] == element {
                flush(&writer)
                run = (place, 1)
            } else {
                flush(&writer)
                writer.byte(literal)
                element.write(to: &writer)
            }
        }
        flush(&writer)
        writer.byte(end)
    }

    static func read<Element: HistoryCodable>(_ what: String, against old: [Element], from reader: inout ByteReader) throws(HistoryFormatError) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(old.count)
        while true {
            switch try reader.byte("a step of the \(what)' changes") {
            case end: return result
            case copy:
                let start = try reader.uint("a run's start"), count = try reader.uint("a run's length")
                guard start <= UInt64(old.count), count <= UInt64(old.count) - start else {
                    throw HistoryFormatError("the \(what)' changes copy \(count) from \(start) of a list of \(old.count)")
                }
                result.append(contentsOf: old[Int(start)..<Int(start + count)])
            case literal:
                result.append(try Element(from: &reader))
            case let other:
                throw HistoryFormatError("the \(what)' changes hold unknown step \(other)")
            }
        }
    }
}
