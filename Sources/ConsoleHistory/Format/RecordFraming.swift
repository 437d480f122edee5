/// How records sit in a history file. A file starts with `magic`; each record is a 17-byte
/// header (payload length u32, kind u8, time f64, CRC-32 u32 of kind, time and payload, all
/// little-endian) and its payload. Loading walks the headers only (the index), and a crash
/// mid-write leaves a last record shorter than its header says, which loading drops.
public enum RecordFraming {
    public static let magic: [UInt8] = Array("CORRALH1".utf8)
    public static let headerSize = 17
    /// Larger than any record a console writes (a keyframe of 10,000 tasks is a few MB); a
    /// header claiming more is corrupt.
    public static let maximumPayload = 1 << 30

    public struct Header: Equatable, Sendable {
        public var length: Int
        public var kind: UInt8
        public var time: Double
        public var checksum: UInt32
    }

    public static func frame(kind: UInt8, time: Double, payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(headerSize + payload.count)
        append(UInt64(payload.count), width: 4, to: &bytes)
        bytes.append(kind)
        append(time.bitPattern, width: 8, to: &bytes)
        append(UInt64(checksum(kind: kind, time: time, bytes: payload, range: payload.indices)), width: 4, to: &bytes)
        bytes.append(contentsOf: payload)
        return bytes
    }

    /// The header at `offset`, or nil when fewer than a header's bytes are left.
    public static func header(in bytes: [UInt8], at offset: Int) -> Header? {
        guard offset >= 0, bytes.count - offset >= headerSize else { return nil }
        let length = Int(read(bytes, at: offset, width: 4))
        let time = Double(bitPattern: read(bytes, at: offset + 5, width: 8))
        return Header(length: length, kind: bytes[offset + 4], time: time, checksum: UInt32(truncatingIfNeeded: read(bytes, at: offset + 13, width: 4)))
    }

    public static func checksum(kind: UInt8, time: Double, bytes: [UInt8], range: Range<Int>) -> UInt32 {
        var crc = CRC32()
        crc.update([kind])
        var timeBytes: [UInt8] = []
        append(time.bitPattern, width: 8, to: &timeBytes)
        crc.update(timeBytes)
        crc.update(bytes, range: range)
        return crc.value
    }

    private static func append(_ value: UInt64, width: Int, to bytes: inout [UInt8]) {
        for index in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(8 * index))) }
    }

    private static func read(_ bytes: [UInt8], at offset: Int, width: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<width { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
        return value
    }
}

/// CRC-32 (IEEE), eight bytes a step ("slicing-by-8"): enough to tell a torn or damaged record
/// from a whole one, and fast enough that checking the records a jump reads costs little.
struct CRC32 {
    /// Eight tables of 256 one after the other: the first is the classic byte table, and entry
    /// `b` of table k is the CRC of byte `b` followed by k zero bytes.
    private static let table: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for index in 0..<256 {
            var value = UInt32(index)
            for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
            table[index] = value
        }
        for index in 256..<(8 * 256) {
            let previous = table[index - 256]
            table[index] = table[Int(previous & 0xFF)] ^ (previous >> 8)
        }
        return table
    }()
    private var state: UInt32 = 0xFFFF_FFFF

    mutating func update(_ bytes: [UInt8], range: Range<Int>? = nil) {
        let range = range ?? bytes.indices
        var crc = state
        Self.table.withUnsafeBufferPointer { t in
            bytes.withUnsafeBufferPointer { buffer in
                var index = range.lowerBound
                while range.upperBound - index >= 8 {
                    let low = crc ^ (UInt32(buffer[index]) | UInt32(buffer[index + 1]) << 8 | UInt32(buffer[index + 2]) << 16 | UInt32(buffer[index + 3]) << 24)
                    let high = UInt32(buffer[index + 4]) | UInt32(buffer[index + 5]) << 8 | UInt32(buffer[index + 6]) << 16 | UInt32(buffer[index + 7]) << 24
                    crc = t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                        ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                        ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                        ^ t[256 + Int((high >> 16) & 0xFF)] ^ t[Int(high >> 24)]
                    index += 8
                }
                while index < range.upperBound {
                    crc = t[Int((crc ^ UInt32(buffer[index])) & 0xFF)] ^ (crc >> 8)
                    index += 1
                }
            }
        }
        state = crc
    }

    var value: UInt32 { state ^ 0xFFFF_FFFF }
}
