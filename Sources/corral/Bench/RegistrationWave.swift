import ArgumentParser
import CLauncher

#if canImport(Glibc)
import Glibc
#endif

/// Every simulated agent's registration, `concurrency` connections in flight: plain
/// non-blocking sockets and one epoll on one thread. The agents' side of the bench should cost
/// the shared cores as little as it can, since in a cluster it runs on other machines; through
/// NIO's client bootstrap it took 190 µs of CPU per agent, a third of what the master took.
struct RegistrationWave {
    let requests: [[UInt8]]
    let port: Int
    let concurrency: Int

    private static let registeredMarker = Array(#""REGISTERED""#.utf8)
    private static let headEnd = Array("\r\n\r\n".utf8)
    private static let okStatus = Array("HTTP/1.1 200".utf8)

    /// One agent's connection: what it has written of its REGISTER, what it has heard.
    private struct Connection {
        var request: Int
        var written = 0
        var received: [UInt8] = []
    }

    private struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Registers every agent and returns their sockets, each of which has heard REGISTERED and
    /// is kept open as the agent's stream.
    func run() throws -> [Int32] {
        let poller = corral_epoll_create()
        guard poller >= 0 else { throw Failure(description: "epoll_create1: \(Self.describe(errno))") }
        defer { close(poller) }
        var connections: [Int32: Connection] = [:]
        var registered: [Int32] = []
        registered.reserveCapacity(requests.count)
        var next = 0
        func startNext() throws {
            guard next < requests.count else { return }
            connections[try connect(watchedBy: poller)] = Connection(request: next)
            next += 1
        }
        for _ in 0..<min(concurrency, requests.count) { try startNext() }
        var ready = [Int32](repeating: 0, count: 64)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while registered.count < requests.count {
            let count = corral_epoll_wait(poller, &ready, Int32(ready.count), 60_000)
            guard count > 0 else {
                if count == 0, errno == EINTR { continue }
                throw Failure(description: count == 0 ? "no agent heard from the master for 60 s" : "epoll_wait: \(Self.describe(errno))")
            }
            for fd in ready[0..<Int(count)] {
                guard var connection = connections[fd] else { continue }
                try send(&connection, on: fd)
                guard try receive(&connection, on: fd, buffer: &buffer) else {
                    connections[fd] = connection
                    continue
                }
                corral_epoll_remove(poller, fd)
                connections[fd] = nil
                registered.append(fd)
                try startNext()
            }
        }
        return registered
    }

    private func connect(watchedBy poller: Int32) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(Self.describe(errno))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(truncatingIfNeeded: port).bigEndian
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 || errno == EINPROGRESS else {
            let code = errno
            close(fd)
            throw Failure(description: "connect to 127.0.0.1:\(port): \(Self.describe(code))")
        }
        guard corral_epoll_add_edge(poller, fd) == 0 else {
            let code = errno
            close(fd)
            throw Failure(description: "epoll_ctl: \(Self.describe(code))")
        }
        return fd
    }

    /// Writes what is left of the agent's REGISTER, as far as the socket takes it.
    private func send(_ connection: inout Connection, on fd: Int32) throws {
        let request = requests[connection.request]
        while connection.written < request.count {
            let written = request.withUnsafeBytes { bytes in
                write(fd, bytes.baseAddress.map { $0 + connection.written }, request.count - connection.written)
            }
            if written > 0 {
                connection.written += written
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN || errno == EINPROGRESS || errno == ENOTCONN {
                return
            } else {
                throw Failure(description: "writing a registration: \(Self.describe(errno))")
            }
        }
    }

    /// Reads what has arrived; true once REGISTERED has, throws when the master refused.
    private func receive(_ connection: inout Connection, on fd: Int32, buffer: inout [UInt8]) throws -> Bool {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                connection.received.append(contentsOf: buffer[0..<count])
                if Self.find(Self.registeredMarker, in: connection.received) { return true }
                if connection.received.count >= Self.okStatus.count, !connection.received.starts(with: Self.okStatus), Self.find(Self.headEnd, in: connection.received) {
                    throw Failure(description: "the master refused a registration: \(String(decoding: connection.received.prefix(200), as: UTF8.self))")
                }
            } else if count == 0 {
                throw Failure(description: "the master closed a registration's connection")
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN || errno == ENOTCONN {
                return false
            } else {
                throw Failure(description: "reading a registration's answer: \(Self.describe(errno))")
            }
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in haystack[start..<(start + needle.count)].elementsEqual(needle) }
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
