import CorralAgent

/// The filesystem a work directory is on, as a benchmark names it beside its figures: the type
/// from the mount table and, for ext4, whether it keeps a journal. Without one (these hosts'
/// root filesystem), ext4 skips over recently deleted inodes on every file it creates, so the
/// launch figure there swings with whatever deleted files in the minutes before.
public struct WorkDirectoryFilesystem: Hashable, Sendable {
    public var device: String
    public var mountPoint: String
    public var type: String
    /// Whether an ext4 filesystem keeps a journal; nil for other types, or when it cannot be read.
    public var journaled: Bool?

    public var description: String {
        switch journaled {
        case false?: "\(type) without a journal, mounted at \(mountPoint)"
        default: "\(type), mounted at \(mountPoint)"
        }
    }

    /// Where `path` (or, while it does not exist yet, its nearest existing parent) is mounted;
    /// nil when the mount table cannot be read.
    public static func of(_ path: String) -> WorkDirectoryFilesystem? {
        var existing = path.isEmpty ? "." : path
        var resolved = SystemFile.realPath(existing)
        while resolved == nil, existing != "/", existing != "." {
            existing = parent(of: existing)
            resolved = SystemFile.realPath(existing)
        }
        guard let resolved, let table = SystemFile.read("/proc/self/mounts"), var filesystem = mount(containing: resolved, in: table) else { return nil }
        if filesystem.type == "ext4", let name = filesystem.device.split(separator: "/").last,
            let task = SystemFile.read("/sys/fs/ext4/\(name)/journal_task")
        {
            filesystem.journaled = journaled(journalTask: task)
        }
        return filesystem
    }

    /// The directory `path` is in: "/" above an absolute path's first component, the current
    /// directory above a relative path's.
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The mount of `path` (an absolute path with no symlinks) in `table` (`/proc/self/mounts`):
    /// the longest mount point that is `path` or one of its parents; of mounts on the same point,
    /// the last, which hides the others.
    static func mount(containing path: String, in table: String) -> WorkDirectoryFilesystem? {
        var best: WorkDirectoryFilesystem?
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let point = unescaped(fields[1])
            let inside = point == "/" || path == point || path.hasPrefix(point + "/")
            guard inside, point.count >= (best?.mountPoint.count ?? 0) else { continue }
            best = WorkDirectoryFilesystem(device: unescaped(fields[0]), mountPoint: point, type: String(fields[2]))
        }
        return best
    }

    /// ext4's `journal_task`: the journal thread's pid, or "<none>" without a journal.
    static func journaled(journalTask text: String) -> Bool? {
        let value = text.split(separator: "\n").first.map(String.init) ?? ""
        if value == "<none>" { return false }
        return Int(value) != nil ? true : nil
    }

    /// The mount table writes a space, a tab, a newline and a backslash as octal escapes.
    static func unescaped(_ field: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(field.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "\\"), utf8.count >= 3, let value = UInt8(String(decoding: utf8.prefix(3), as: UTF8.self), radix: 8) {
                bytes.append(value)
                utf8 = utf8.dropFirst(3)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
