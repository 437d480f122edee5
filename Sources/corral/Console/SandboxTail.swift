#if canImport(Glibc)
import Glibc
#endif

/// The end of a sandbox file, for the details view's follow mode: the last `limit` bytes,
/// starting at a line boundary when the file is longer.
enum SandboxTail {
    static func read(_ path: String, limit: Int = 16 * 1024) -> String {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return "" }
        defer { close(file) }
        var info = stat()
        guard fstat(file, &info) == 0 else { return "" }
        let size = Int(info.st_size)
        let start = max(0, size - limit)
        var bytes = [UInt8](repeating: 0, count: size - start)
        let count = bytes.withUnsafeMutableBytes { pread(file, $0.baseAddress, $0.count, off_t(start)) }
        guard count > 0 else { return "" }
        var text = bytes[..<count]
        if start > 0, let newline = text.firstIndex(of: 10) { text = text[(newline + 1)...] }
        return String(decoding: text, as: UTF8.self)
    }
}
