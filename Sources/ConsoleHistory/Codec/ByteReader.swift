import CorralModel

/// Reads what `ByteWriter` wrote, checking every length and tag against what is left: a record
/// comes from a file, and a corrupt or hostile one must fail with a sentence, never trap.
/// The sentence's words (`what`) are taken as autoclosures and put together only when a read
/// fails: putting them together for every value read was a fifth of a replay's jump.
public struct ByteReader {
    private let bytes: [UInt8]
    public private(set) var position: Int
    private let end: Int
    private var strings: [String] = []

    public init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        let range = range ?? bytes.indices
        position = max(0, min(range.lowerBound, bytes.count))
        end = max(position, min(range.upperBound, bytes.count))
    }

    public var remaining: Int { end - position }
    public var isAtEnd: Bool { position >= end }

    public mutating func byte(_ what: @autoclosure () -> String = "a byte") throws(HistoryFormatError) -> UInt8 {
        guard position < end else { throw HistoryFormatError("truncated: no bytes left for \(what())") }
        defer { position += 1 }
        return bytes[position]
    }

    public mutating func uint(_ what: @autoclosure () -> String = "a number") throws(HistoryFormatError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte(what())
            guard shift < 64, shift < 63 || next <= 1 else { throw HistoryFormatError("\(what()) is a varint longer than 64 bits") }
            value |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return value }
            shift += 7
        }
    }

    public mutating func int(_ what: @autoclosure () -> String = "an integer") throws(HistoryFormatError) -> Int {
        let raw = try uint(what())
        let decoded = Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
        guard let value = Int(exactly: decoded) else { throw HistoryFormatError("\(what()) \(decoded) does not fit an Int") }
        return value
    }

    /// A count of things still to read: each takes at least one byte, so a count larger than
    /// what is left is a lie (and would make us reserve gigabytes).
    public mutating func count(_ what: @autoclosure () -> String) throws(HistoryFormatError) -> Int {
        let raw = try uint("the count of \(what())")
        guard raw <= UInt64(remaining) else { throw HistoryFormatError("\(raw) \(what()) announced with only \(remaining) bytes left") }
        return Int(raw)
    }

    /// What is left, as bytes of its own; the reader is then at its end.
    public mutating func rest() -> [UInt8] {
        defer { position = end }
        return Array(bytes[position..<end])
    }

    /// The next part `ByteWriter.section` wrote, as a reader of its own; this one goes on after it.
    public mutating func section(_ what: @autoclosure () -> String) throws(HistoryFormatError) -> ByteReader {
        let length = try count("bytes in \(what())")
        defer { position += length }
        return ByteReader(bytes, range: position..<(position + length))
    }

    /// Finite only: an infinite or NaN time, share or amount has no meaning in a cluster and
    /// would upset arithmetic downstream.
    public mutating func double(_ what: @autoclosure () -> String = "a number") throws(HistoryFormatError) -> Double {
        guard remaining >= 8 else { throw HistoryFormatError("truncated: \(remaining) bytes left for \(what()), 8 needed") }
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[position + index]) << UInt64(8 * index) }
        position += 8
        let value = Double(bitPattern: bits)
        guard value.isFinite else { throw HistoryFormatError("\(what()) is not a finite number") }
        return value
    }

    public mutating func bool(_ what: @autoclosure () -> String = "a flag") throws(HistoryFormatError) -> Bool {
        switch try byte(what()) {
        case 0: return false
        case 1: return true
        case let other: throw HistoryFormatError("\(what()) is \(other), not 0 or 1")
        }
    }

    public mutating func string(_ what: @autoclosure () -> String = "a string") throws(HistoryFormatError) -> String {
        let tag = try uint(what())
        if tag > 0 {
            guard tag <= UInt64(strings.count) else { throw HistoryFormatError("\(what()) refers to string \(tag) of \(strings.count) seen") }
            return strings[Int(tag - 1)]
        }
        let length = try count("bytes in \(what())")
        let slice = bytes[position..<(position + length)]
        position += length
        guard let text = String(validating: slice, as: UTF8.self) else { throw HistoryFormatError("\(what()) is not valid UTF-8") }
        strings.append(text)
        return text
    }

    public mutating func time(_ what: @autoclosure () -> String = "a time") throws(HistoryFormatError) -> Time { Time(seconds: try double(what())) }

    public mutating func optional<T>(_ what: @autoclosure () -> String, _ read: (inout ByteReader) throws(HistoryFormatError) -> T) throws(HistoryFormatError) -> T? {
        try bool("whether \(what()) is present") ? try read(&self) : nil
    }

    public mutating func array<T>(_ what: @autoclosure () -> String, _ read: (inout ByteReader) throws(HistoryFormatError) -> T) throws(HistoryFormatError) -> [T] {
        let count = try count(what())
        var result: [T] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try read(&self)) }
        return result
    }

    public mutating func value<T: HistoryCodable>(_ type: T.Type = T.self) throws(HistoryFormatError) -> T { try T(from: &self) }

    public mutating func values<T: HistoryCodable>(_ what: @autoclosure () -> String, _ type: T.Type = T.self) throws(HistoryFormatError) -> [T] {
        try array(what()) { reader throws(HistoryFormatError) in try T(from: &reader) }
    }

    /// One of a closed set, by its index in `cases`.
    public mutating func choice<T>(_ what: @autoclosure () -> String, _ cases: [T]) throws(HistoryFormatError) -> T {
        let index = try uint(what())
        guard index < UInt64(cases.count) else { throw HistoryFormatError("\(what()) has unknown tag \(index) (\(cases.count) known)") }
        return cases[Int(index)]
    }
}

extension ByteReader {
    /// An enum kept by its raw value (`TASK_RUNNING`): readable in a hex dump, and a value this
    /// version does not know is named in the error.
    public mutating func raw<T: RawRepresentable>(_ what: @autoclosure () -> String, _ type: T.Type = T.self) throws(HistoryFormatError) -> T where T.RawValue == String {
        let text = try string(what())
        guard let value = T(rawValue: text) else { throw HistoryFormatError("\(what()) '\(text.prefix(40))' is not one this version knows") }
        return value
    }
}

extension ByteWriter {
    public mutating func raw<T: RawRepresentable>(_ value: T) where T.RawValue == String { string(value.rawValue) }
}
