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

    private enum Step<Element> {
        case copy(Range<Int>)
        case literal(Element)
    }

    /// Applies the patch to `list` (the old version, the new one after). When the runs keep the
    /// old order (a refresh: tasks ended, changed, appended) the list is changed in place, so an
    /// unchanged element is moved, never copied: copying two thousand task records per refresh
    /// was most of a jump's time.
    static func apply<Element: HistoryCodable>(_ what: String, to list: inout [Element], from reader: inout ByteReader) throws(HistoryFormatError) {
        let steps = try readSteps(what, count: list.count, from: &reader, Element.self)
        guard inPlace(steps) else {
            var result: [Element] = []
            result.reserveCapacity(list.count)
            for step in steps {
                switch step {
                case .copy(let range): result.append(contentsOf: list[range])
                case .literal(let element): result.append(element)
                }
            }
            list = result
            return
        }
        // Positions write..<consumed hold elements the new list drops: kept ones are swapped
        // down over them, new ones written on them, and the rest cut off at the end.
        var write = 0, consumed = 0
        var appended: [Element] = []
        for step in steps {
            switch step {
            case .copy(let range):
                // The buffer's swap moves; the array's copies (a retain and release per field).
                list.withUnsafeMutableBufferPointer { buffer in
                    for index in range {
                        if index != write { buffer.swapAt(index, write) }
                        write += 1
                    }
                }
                consumed = range.upperBound
            case .literal(let element):
                if write < consumed {
                    list[write] = element
                    write += 1
                } else {
                    appended.append(element)
                }
            }
        }
        list.removeSubrange(write..<list.count)
        list += appended
    }

    /// Whether `steps` can be applied in place: runs in increasing order, and every new element
    /// either on a dropped one's place or after the last run.
    private static func inPlace<Element>(_ steps: [Step<Element>]) -> Bool {
        var write = 0, consumed = 0, appending = false
        for step in steps {
            switch step {
            case .copy(let range):
                guard range.lowerBound >= consumed, !appending else { return false }
                write += range.count
                consumed = range.upperBound
            case .literal:
                if write < consumed { write += 1 } else { appending = true }
            }
        }
        return true
    }

    private static func readSteps<Element: HistoryCodable>(
        _ what: String, count: Int, from reader: inout ByteReader, _ type: Element.Type
    ) throws(HistoryFormatError) -> [Step<Element>] {
        var steps: [Step<Element>] = []
        while true {
            switch try reader.byte("a step of the \(what)' changes") {
            case end: return steps
            case copy:
                let start = try reader.uint("a run's start"), length = try reader.uint("a run's length")
                guard start <= UInt64(count), length <= UInt64(count) - start else {
                    throw HistoryFormatError("the \(what)' changes copy \(length) from \(start) of a list of \(count)")
                }
                steps.append(.copy(Int(start)..<Int(start + length)))
            case literal:
                steps.append(.literal(try Element(from: &reader)))
            case let other:
                throw HistoryFormatError("the \(what)' changes hold unknown step \(other)")
            }
        }
    }
}
