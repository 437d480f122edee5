import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Log lines appended to a file: while the console owns the terminal, nothing may be written
/// to it behind the console's back.
public struct FileLogHandler: LogHandler {
    private let output: Descriptor
    public let label: String
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]

    /// The log file, open for appending, shared by every handler of the process and closed
    /// when the last one goes.
    public final class Descriptor: Sendable {
        let value: Int32
        public init(path: String) { value = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644) }
        deinit { if value >= 0 { close(value) } }
    }

    public init(label: String, file: Descriptor, level: Logger.Level) {
        self.label = label
        self.output = file
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = "\(Self.timestamp()) \(event.level) \(label): \(event.message)"
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        if !merged.isEmpty { line += " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") }
        line += "\n"
        line.withUTF8 { _ = write(output.value, $0.baseAddress, $0.count) }
    }

    private static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
