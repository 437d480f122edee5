#if canImport(Glibc)
import Glibc
#endif

/// A blocking TCP connection to 127.0.0.1, for what an HTTP client library will not do: send
/// nothing at all, or close a stream it is reading.
public final class PlainSocket {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public private(set) var fd: Int32

    public init(port: Int) throws {
        fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(fd)
            throw Failure(description: "connect to 127.0.0.1:\(port): errno \(code)")
        }
    }

    deinit { close() }

    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else { throw Failure(description: "write: errno \(errno)") }
            offset += written
        }
    }

    /// Everything read so far.
    public private(set) var received: [UInt8] = []

    /// Reads until `marker` has arrived (true) or the connection ends or `timeout` seconds pass
    /// (false).
    public func receive(until marker: String, timeout: Int) async throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            guard try await readable(within: timeout) else { return false }
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { return false }
            received += chunk[0..<count]
            if String(decoding: received, as: UTF8.self).contains(marker) { return true }
        }
    }

    /// Reads everything until the server closes the connection (true) or `timeout` seconds pass
    /// (false).
    public func receiveUntilClosed(timeout: Int) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(timeout)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while ContinuousClock.now < deadline {
            guard try await readable(within: 1) else { continue }
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { return true }
            received += chunk[0..<count]
        }
        return false
    }

    /// Whether the server closed the connection (a read at its end) within `timeout` seconds.
    public func closedByPeer(within timeout: Int) async throws -> Bool {
        var byte: UInt8 = 0
        return try await readable(within: timeout) && read(fd, &byte, 1) == 0
    }

    /// Ends what this side sends (a FIN), reading on.
    public func shutdownWrite() {
        _ = shutdown(fd, Int32(SHUT_WR))
    }

    public func close() {
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
    }

    /// Polls without blocking, sleeping between polls: a test that blocked a thread of the
    /// cooperative pool could starve the server it is waiting for.
    private func readable(within timeout: Int) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(timeout)
        while ContinuousClock.now < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 0) == 1 { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}
