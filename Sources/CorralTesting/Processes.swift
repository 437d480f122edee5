#if canImport(Glibc)
import Glibc
#endif

/// Processes whose command line contains `marker`: what a test checks is gone.
public func processes(containing marker: String) -> [pid_t] {
    guard let directory = opendir("/proc") else { return [] }
    defer { closedir(directory) }
    var found: [pid_t] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard let pid = pid_t(name), pid != getpid() else { continue }
        guard let file = fopen("/proc/\(pid)/cmdline", "r") else { continue }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = fread(&bytes, 1, bytes.count, file)
        fclose(file)
        let commandLine = String(decoding: bytes[..<count].map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
        if commandLine.contains(marker) { found.append(pid) }
    }
    return found
}
