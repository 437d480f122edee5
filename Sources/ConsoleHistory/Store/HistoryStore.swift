import ConsoleCore
import CorralModel
import Foundation

/// A console's history in a directory (`<work-dir>/history`): numbered segment files, each
/// starting with a keyframe, the newest written to, the oldest deleted past the limits.
/// A console started again on the same work dir adds segments after the ones it finds.
public struct HistoryStore {
    public static let segmentPrefix = "segment-"
    public static let segmentSuffix = ".history"

    public let directory: String
    public let limits: HistoryLimits
    private var recorder: HistoryRecorder
    /// Closed segments, oldest first: name, size, the time of their first record.
    private var closed: [(path: String, size: Int, start: Double)] = []
    private var current: (file: SegmentFile, start: Double)?
    private var nextNumber: Int

    public init(directory: String, limits: HistoryLimits = .default) throws(HistoryStoreError) {
        self.directory = directory
        self.limits = limits
        recorder = HistoryRecorder(keyframeInterval: limits.keyframeInterval)
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw HistoryStoreError("cannot create \(directory): \(error.localizedDescription)")
        }
        let found = Self.segments(in: directory)
        nextNumber = (found.last?.number ?? 0) + 1
        closed = found.map { segment in
            let size = (try? FileManager.default.attributesOfItem(atPath: segment.path)[.size] as? Int) ?? 0
            return (segment.path, size, Self.firstTime(of: segment.path) ?? 0)
        }
    }

    /// The segment files in `directory`, by number.
    public static func segments(in directory: String) -> [(number: Int, path: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix(segmentPrefix), name.hasSuffix(segmentSuffix) else { return nil }
            let digits = name.dropFirst(segmentPrefix.count).dropLast(segmentSuffix.count)
            guard let number = Int(digits) else { return nil }
            return (number, (directory as NSString).appendingPathComponent(name))
        }.sorted { $0.0 < $1.0 }
    }

    /// Writes what the model was just fed; returns nothing a history does not keep.
    public mutating func append(_ message: ConsoleMessage, at time: Time) throws(HistoryStoreError) {
        if HistoryRecorder.isRefresh(message), needsNewSegment(at: time.seconds) { try rotate(at: time.seconds) }
        guard let record = recorder.record(message, at: time) else { return }
        if current == nil { try rotate(at: time.seconds) }
        try current?.file.append(record, at: time.seconds)
    }

    private func needsNewSegment(at time: Double) -> Bool {
        guard let current else { return true }
        return current.file.size >= limits.segmentBytes || time - current.start >= limits.segmentSeconds
    }

    private mutating func rotate(at time: Double) throws(HistoryStoreError) {
        if let current { closed.append((current.file.path, current.file.size, current.start)) }
        let name = Self.segmentPrefix + String(format: "%08d", nextNumber) + Self.segmentSuffix
        nextNumber += 1
        current = (try SegmentFile(path: (directory as NSString).appendingPathComponent(name)), time)
        recorder.startKeyframe()
        trim(now: time)
    }

    /// Deletes the oldest closed segments while the history is too large, or while the segment
    /// after them (which ends their span) started before `maxAge` ago.
    private mutating func trim(now: Double) {
        var total = closed.reduce(current?.file.size ?? 0) { $0 + $1.size }
        while let oldest = closed.first {
            let end = closed.count > 1 ? closed[1].start : (current?.start ?? now)
            guard total > limits.maxBytes || end < now - limits.maxAge else { break }
            try? FileManager.default.removeItem(atPath: oldest.path)
            total -= oldest.size
            closed.removeFirst()
        }
    }

    /// The time in the first record's header, for a segment found on disk.
    static func firstTime(of path: String) -> Double? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let bytes = [UInt8]((try? handle.read(upToCount: RecordFraming.magic.count + RecordFraming.headerSize)) ?? Data())
        return RecordFraming.header(in: bytes, at: RecordFraming.magic.count)?.time
    }
}
