import Foundation

/// Finds and reads a history: a file `corral record` wrote, a console's history directory, or
/// the work directory that holds one (`<work-dir>/history`).
public enum HistoryLoader {
    public static func load(_ path: String) throws(HistoryFormatError) -> History {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw HistoryFormatError("\(path) does not exist")
        }
        guard isDirectory.boolValue else { return try History(segments: [(name(path), try read(path))]) }
        let nested = (path as NSString).appendingPathComponent("history")
        let directory = FileManager.default.fileExists(atPath: nested) ? nested : path
        let segments = HistoryStore.segments(in: directory)
        guard !segments.isEmpty else {
            throw HistoryFormatError("\(path) holds no history: a console keeps one in <work-dir>/history, and `corral record` writes a file")
        }
        var files: [(name: String, bytes: [UInt8])] = []
        for segment in segments { files.append((name(segment.path), try read(segment.path))) }
        return try History(segments: files)
    }

    /// A history to replay: loaded as `load` does, and holding at least one whole record.
    public static func loadReplayable(_ path: String) throws(HistoryFormatError) -> History {
        let history = try load(path)
        guard !history.isEmpty else {
            throw HistoryFormatError("it holds no whole record" + (history.problems.isEmpty ? " yet" : " (\(history.problems.joined(separator: "; ")))"))
        }
        return history
    }

    private static func name(_ path: String) -> String { (path as NSString).lastPathComponent }

    private static func read(_ path: String) throws(HistoryFormatError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw HistoryFormatError("cannot read \(path)") }
        defer { try? handle.close() }
        do { return [UInt8](try handle.readToEnd() ?? Data()) } catch {
            throw HistoryFormatError("cannot read \(path): \(error.localizedDescription)")
        }
    }
}
