import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A socket listening on 127.0.0.1 at a port the kernel picked. Connections complete (the
/// kernel accepts them into the backlog) but nobody ever answers them.
struct SilentListener: ~Copyable {
    let fd: Int32
    let port: UInt16

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketFailure(operation: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr = in_addr(s_addr: UInt32(0x7f00_0001).bigEndian)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard listening else {
            let code = errno
            close(fd)
            throw SocketFailure(operation: "bind", code: code)
        }
        self.fd = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit { close(fd) }
}

/// A port free on 127.0.0.1 right now: nobody listens on it.
func freePort() throws -> UInt16 {
    try SilentListener().port
}

struct SocketFailure: Error {
    var operation: String
    var code: Int32
}
