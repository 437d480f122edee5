import Glibc

/// The file operations checkpoints are made of: whole files replaced atomically, records
/// appended, directories made and removed, all with plain system calls and errors that name the
/// path.
///
/// A replaced file is written beside its final name and renamed over it, so a crash leaves the
/// old contents or the new, never a mix. Only `durable` writes are fsynced: the agent's task
/// checkpoints are read back only within the same boot (a new boot ID discards them), and the
/// page cache survives a crash of the process, so a rename is all they need; what must outlive
/// a reboot (the agent's ID) is fsynced, with its directory.
enum CheckpointFile {
    struct Failure: Error, CustomStringConvertible {
        var operation: String
        var code: Int32
        var description: String { "\(operation): \(SystemFile.describe(code))" }
    }

    static func replace(_ path: String, with bytes: [UInt8], durable: Bool = false) throws(Failure) {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(operation: "open \(temporary)", code: errno) }
        do throws(Failure) {
            try writeAll(fd, bytes, path: temporary)
            if durable, fsync(fd) != 0 { throw Failure(operation: "fsync \(temporary)", code: errno) }
            close(fd)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure(operation: "rename \(temporary)", code: code)
        }
        if durable { syncDirectory(of: path) }
    }

    /// Appends one record in one write(2), which a crash of the process cannot tear.
    static func append(_ path: String, _ bytes: [UInt8]) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(operation: "open \(path)", code: errno) }
        defer { close(fd) }
        try writeAll(fd, bytes, path: path)
    }

    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    static func truncate(_ path: String, to length: Int) {
        _ = Glibc.truncate(path, off_t(length))
    }

    static func makeDirectory(_ path: String) throws(Failure) {
        let code = SystemFile.createDirectories(path, mode: 0o700)
        guard code == 0 else { throw Failure(operation: "mkdir \(path)", code: code) }
    }

    /// rm -r: the directory and everything in it (no links are followed).
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            for entry in SystemFile.entries(of: path) { removeTree(path + "/" + entry) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw Failure(operation: "write \(path)", code: errno) }
            offset += written
        }
    }

    private static func syncDirectory(of path: String) {
        let directory = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
