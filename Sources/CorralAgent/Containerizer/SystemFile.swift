import Glibc

/// Reads and writes of the kernel's small text files (cgroup knobs, /proc), with plain system
/// calls: they are on the launch and sampling paths, and their errors must name the file.
package enum SystemFile {
    /// The whole file, or nil if it cannot be read (a cgroup or process that is gone).
    package static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `text` in one write(2), as cgroup files require.
    static func write(_ text: String, to path: String) throws(ContainerizerError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cgroup("open \(path): \(describe(errno))") }
        defer { close(fd) }
        let count = text.utf8.count
        let written = text.withCString { Glibc.write(fd, $0, count) }
        guard written == count else { throw .cgroup("write '\(text)' to \(path): \(describe(errno))") }
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Names of the entries of a directory, without "." and "..".
    static func entries(of path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// mkdir -p: creates `path` with `mode` and any missing parents with 0755 (a private
    /// directory's parents, the work directory among them, must stay traversable for the users
    /// tasks run as). Returns 0 or the errno of the mkdir that failed.
    static func createDirectories(_ path: String, mode: mode_t = 0o755) -> Int32 {
        if mkdir(path, mode) == 0 || errno == EEXIST { return 0 }
        guard errno == ENOENT else { return errno }
        let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        guard !parent.isEmpty, createDirectories(parent) == 0 else { return ENOENT }
        return mkdir(path, mode) == 0 || errno == EEXIST ? 0 : errno
    }

    /// The canonical absolute path of an existing file: the kernel's name for it, opened
    /// (three system calls, where realpath(3) reads each component as a link: a sandbox is
    /// eight deep, on every launch's path).
    package static func realPath(_ path: String) -> String? {
        // O_PATH: nothing is opened for reading (a fifo would block), only named.
        let fd = open(path, openPathOnly | O_CLOEXEC)
        if fd >= 0 {
            defer { close(fd) }
            if let name = linkTarget("/proc/self/fd/\(fd)"), name.hasPrefix("/") { return name }
        }
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// What the symbolic link at `path` points to (for /proc's links, the kernel's name of the
    /// file); nil when it is no link.
    static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &buffer, Int(PATH_MAX))
        guard length > 0 else { return nil }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Linux's O_PATH (the generic value, which every architecture Swift runs on uses), which
    /// Glibc's module leaves out.
    private static let openPathOnly: Int32 = 0o10_000_000

    /// strerror's text for an errno value.
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
