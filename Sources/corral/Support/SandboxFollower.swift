#if canImport(Glibc)
import Glibc
#endif

/// Copies what a task writes to a sandbox file onto one of our own file descriptors as it
/// appears ("follow" mode), then whatever is left once the task has ended.
struct SandboxFollower: Sendable {
    let path: String
    let output: Int32

    /// Follows until cancelled, then drains to the end of the file.
    func follow(pollInterval: Duration = .milliseconds(50)) async {
        var offset: off_t = 0
        while !Task.isCancelled {
            offset = copyNewBytes(from: offset)
            try? await Task.sleep(for: pollInterval)
        }
        _ = copyNewBytes(from: offset)
    }

    /// Copies bytes from `offset` to the current end; returns the new offset.
    private func copyNewBytes(from offset: off_t) -> off_t {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return offset }
        defer { close(file) }
        var position = offset
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(file, $0.baseAddress, $0.count, position) }
            guard count > 0 else { break }
            buffer.withUnsafeBytes { bytes in
                var written = 0
                while written < count {
                    let result = write(output, bytes.baseAddress! + written, count - written)
                    if result <= 0 { break }
                    written += result
                }
            }
            position += off_t(count)
        }
        return position
    }
}
