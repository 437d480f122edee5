import Foundation

/// One history file open for appending. Each record goes out in one `write`, so a process
/// killed mid-record leaves at most that record torn, which loading drops.
public final class SegmentFile {
    public let path: String
    public private(set) var size: Int
    private let descriptor: Int32

    /// Creates the file with the history header, or opens an existing one to append.
    public init(path: String) throws(HistoryStoreError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw HistoryStoreError("cannot open \(path): \(String(cString: strerror(errno)))") }
        size = Int(lseek(descriptor, 0, SEEK_END))
        if size == 0 { try write(RecordFraming.magic) }
    }

    deinit { close(descriptor) }

    public func append(_ record: HistoryRecord, at time: Double) throws(HistoryStoreError) {
        try write(RecordFraming.frame(kind: record.kind.rawValue, time: time, payload: record.payload))
    }

    private func write(_ bytes: [UInt8]) throws(HistoryStoreError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
            }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { throw HistoryStoreError("cannot write \(path): \(String(cString: strerror(errno)))") }
            written += result
        }
        size += bytes.count
    }
}

/// A history that cannot be written (a full disk, a read-only work dir): the console says so
/// once and goes on without it.
public struct HistoryStoreError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
