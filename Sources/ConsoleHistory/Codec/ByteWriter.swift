import CorralModel

/// Builds one record's payload: varints for counts and integers, doubles as their 8 bytes, and
/// strings interned (an ID repeated a thousand times in a keyframe is written once).
public struct ByteWriter {
    public private(set) var bytes: [UInt8] = []
    private var strings: [String: Int] = [:]

    public init() {}

    public mutating func uint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: rest))
    }

    /// Zig-zag, so that small negative numbers stay short.
    public mutating func int(_ value: Int) {
        let wide = Int64(value)
        uint(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
    }

    public mutating func double(_ value: Double) {
        var bits = value.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }

    public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func byte(_ value: UInt8) { bytes.append(value) }

    /// 0 then the text for a string not seen yet in this record; otherwise its number + 1.
    public mutating func string(_ value: String) {
        if let known = strings[value] {
            uint(UInt64(known + 1))
            return
        }
        strings[value] = strings.count
        uint(0)
        let utf8 = value.utf8
        uint(UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    public mutating func time(_ value: Time) { double(value.seconds) }

    public mutating func optional<T>(_ value: T?, _ write: (inout ByteWriter, T) -> Void) {
        guard let value else { return bool(false) }
        bool(true)
        write(&self, value)
    }

    public mutating func array<T>(_ values: [T], _ write: (inout ByteWriter, T) -> Void) {
        uint(UInt64(values.count))
        for value in values { write(&self, value) }
    }

    public mutating func value<T: HistoryCodable>(_ value: T) { value.write(to: &self) }

    public mutating func values<T: HistoryCodable>(_ values: [T]) { array(values) { $0.value($1) } }

    /// A part written with its length in front and a string table of its own, so that a
    /// reader can skip it without decoding it (`ByteReader.section`).
    public mutating func section(_ write: (inout ByteWriter) -> Void) {
        var part = ByteWriter()
        write(&part)
        uint(UInt64(part.bytes.count))
        bytes += part.bytes
    }
}
