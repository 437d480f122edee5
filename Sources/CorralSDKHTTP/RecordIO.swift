/// Mesos's RecordIO framing for event streams: `<decimal length>\n<record>` repeated, with no
/// separator after a record. Chunk boundaries mean nothing; a reader keeps what it has not
/// parsed yet.
public enum RecordIO {
    /// One record, framed.
    public static func frame(_ record: [UInt8]) -> [UInt8] {
        var framed = Array(String(record.count).utf8)
        framed.append(10)
        framed += record
        return framed
    }
}

/// Splits a byte stream into RecordIO records, whatever the chunks it arrives in.
public struct RecordIOReader: Sendable {
    private var pending: [UInt8] = []
    /// Records larger than this are a protocol error (a corrupt length would otherwise make the
    /// reader buffer forever).
    public let maximumRecordSize: Int

    public init(maximumRecordSize: Int = 64 << 20) { self.maximumRecordSize = maximumRecordSize }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case badLength(String)
        case tooLarge(Int)

        public var description: String {
            switch self {
            case .badLength(let text): "RecordIO: '\(text)' is not a record length"
            case .tooLarge(let size): "RecordIO: a record of \(size) bytes is larger than allowed"
            }
        }
    }

    /// Takes in a chunk and returns every record it completes.
    public mutating func read(_ chunk: some Collection<UInt8>) throws(Problem) -> [[UInt8]] {
        pending += chunk
        var records: [[UInt8]] = []
        var start = 0
        while let newline = pending[start...].firstIndex(of: 10) {
            let digits = pending[start..<newline]
            guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                let length = Int(String(decoding: digits, as: UTF8.self))
            else { throw .badLength(String(decoding: digits.prefix(20), as: UTF8.self)) }
            guard length <= maximumRecordSize else { throw .tooLarge(length) }
            let bodyStart = newline + 1
            guard pending.count - bodyStart >= length else { break }
            records.append(Array(pending[bodyStart..<(bodyStart + length)]))
            start = bodyStart + length
        }
        if start > 0 { pending.removeFirst(start) }
        return records
    }
}
