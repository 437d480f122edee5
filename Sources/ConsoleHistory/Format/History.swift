import CorralModel

/// A loaded history: its files' bytes and an index of their records (kind, time, where), built
/// from the records' headers alone. Payloads are decoded, and their checksums verified, only
/// when replay reaches them.
public struct History: Sendable {
    public struct Entry: Sendable, Equatable {
        public var segment: Int
        /// Where the payload starts in its segment.
        public var offset: Int
        public var length: Int
        public var kind: HistoryRecord.Kind
        public var time: Time
        public var checksum: UInt32
    }

    public let names: [String]
    let segments: [[UInt8]]
    public let entries: [Entry]
    /// Entry indices of the keyframes, in order.
    public let keyframes: [Int]
    /// What loading skipped and why (a torn last record, a damaged tail), for the user.
    public let problems: [String]

    public var isEmpty: Bool { entries.isEmpty }
    public var start: Time { entries.first?.time ?? .zero }
    public var end: Time { entries.last?.time ?? .zero }

    /// Indexes the segments (oldest first). A segment that is not a history at all is an
    /// error; a damaged or torn tail is dropped and named in `problems`.
    public init(segments: [(name: String, bytes: [UInt8])]) throws(HistoryFormatError) {
        var entries: [Entry] = []
        var problems: [String] = []
        for (number, segment) in segments.enumerated() {
            guard segment.bytes.starts(with: RecordFraming.magic) else {
                throw HistoryFormatError("\(segment.name) is not a Corral history (it does not start with CORRALH1)")
            }
            let (found, problem) = Self.index(segment.bytes, segment: number, after: entries.last?.time ?? Time(seconds: -.greatestFiniteMagnitude))
            entries += found
            if let problem { problems.append("\(segment.name): \(problem)") }
        }
        names = segments.map(\.name)
        self.segments = segments.map(\.bytes)
        self.entries = entries
        keyframes = entries.indices.filter { entries[$0].kind.isKeyframe }
        self.problems = problems
    }

    /// The records of one segment, up to the first that is torn or damaged. Times never go
    /// backwards (a wall clock set back is held at the last time), so replay can search them.
    private static func index(_ bytes: [UInt8], segment: Int, after previous: Time) -> ([Entry], String?) {
        var entries: [Entry] = []
        var offset = RecordFraming.magic.count
        var last = previous
        while offset < bytes.count {
            guard let header = RecordFraming.header(in: bytes, at: offset),
                header.length <= RecordFraming.maximumPayload, header.length <= bytes.count - offset - RecordFraming.headerSize
            else {
                return (entries, "the last \(bytes.count - offset) bytes are a torn record (the writer stopped mid-record); ignored")
            }
            guard let kind = HistoryRecord.Kind(rawValue: header.kind), header.time.isFinite else {
                return (entries, "record \(entries.count) at byte \(offset) has an unknown kind \(header.kind) or a bad time; it and the \(bytes.count - offset) bytes after it are ignored")
            }
            last = max(last, Time(seconds: header.time))
            entries.append(Entry(segment: segment, offset: offset + RecordFraming.headerSize, length: header.length, kind: kind, time: last, checksum: header.checksum))
            offset += RecordFraming.headerSize + header.length
        }
        // A crash can leave a whole-looking last record of garbage (blocks allocated, not
        // written): its checksum tells.
        if let tail = entries.last, !Self.verify(tail, in: bytes) {
            entries.removeLast()
            return (entries, "the last record (at byte \(tail.offset - RecordFraming.headerSize)) fails its checksum; ignored")
        }
        return (entries, nil)
    }

    private static func verify(_ entry: Entry, in bytes: [UInt8]) -> Bool {
        let header = RecordFraming.header(in: bytes, at: entry.offset - RecordFraming.headerSize)
        let range = entry.offset..<(entry.offset + entry.length)
        return header.map { RecordFraming.checksum(kind: $0.kind, time: $0.time, bytes: bytes, range: range) == entry.checksum } ?? false
    }

    /// Record `index`, checked and decoded; an error names the file and the record.
    public func record(_ index: Int) throws(HistoryFormatError) -> HistoryRecord {
        try read(index) { reader throws(HistoryFormatError) in try HistoryRecord(kind: entries[index].kind, payload: &reader) }
    }

    /// Record `index`'s payload, checked, given to `decode`; an error names the file and the record.
    func read<T>(_ index: Int, _ decode: (inout ByteReader) throws(HistoryFormatError) -> T) throws(HistoryFormatError) -> T {
        guard entries.indices.contains(index) else { throw HistoryFormatError("no record \(index) (the history holds \(entries.count))") }
        let entry = entries[index]
        let bytes = segments[entry.segment]
        let place = "\(names[entry.segment]), record at byte \(entry.offset - RecordFraming.headerSize)"
        guard Self.verify(entry, in: bytes) else { throw HistoryFormatError("\(place): fails its checksum (the file is damaged)") }
        var reader = ByteReader(bytes, range: entry.offset..<(entry.offset + entry.length))
        do {
            return try decode(&reader)
        } catch {
            throw error.at(place)
        }
    }

    /// The first entry whose time is after `time`.
    public func firstEntry(after time: Time) -> Int {
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].time <= time { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The last keyframe at or before entry `index`, if any.
    public func keyframe(atOrBefore index: Int) -> Int? {
        var low = 0, high = keyframes.count
        while low < high {
            let middle = (low + high) / 2
            if keyframes[middle] <= index { low = middle + 1 } else { high = middle }
        }
        return low > 0 ? keyframes[low - 1] : nil
    }
}
