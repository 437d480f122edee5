import Foundation
import Glibc
import Synchronization

/// A TCP exchange with a port of this host, for the TCP and HTTP checks. Sockets block, so each
/// exchange runs on a thread of its own, never on one of Swift's few cooperative threads; the
/// thread waits in poll(2) on the socket and on a wake-up socket, so cancelling the calling
/// task ends the exchange at once and closes the connection.
enum LoopbackSocket {
    enum Outcome: Hashable, Sendable {
        /// Connected; with a request, sent it and read this much of the reply: up to the end of
        /// its first line, the end of the stream, or `replyLimit` bytes.
        case connected(reply: [UInt8])
        /// Why it failed, in strerror's words: "Connection refused".
        case failed(String)
        case cancelled
    }

    static let replyLimit = 8192

    /// Connects to 127.0.0.1:`port`; with a `request`, sends it and reads the first line of the reply.
    static func exchange(port: UInt16, request: [UInt8]? = nil) async -> Outcome {
        guard let waker = Waker() else { return .failed("socketpair: \(SystemFile.describe(errno))") }
        defer { waker.close() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let thread = Thread {
                    continuation.resume(returning: run(port: port, request: request, wake: waker.pollDescriptor))
                }
                thread.name = "corral-health-check"
                thread.start()
            }
        } onCancel: {
            waker.wake()
        }
    }

    private static func run(port: UInt16, request: [UInt8]?, wake: Int32) -> Outcome {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { return .failed(SystemFile.describe(errno)) }
        defer { close(fd) }
        if let problem = connect(fd, port: port, wake: wake) { return problem }
        guard let request else { return .connected(reply: []) }
        if let problem = send(request, to: fd, wake: wake) { return problem }
        return receiveLine(from: fd, wake: wake)
    }

    private static func connect(_ fd: Int32, port: UInt16, wake: Int32) -> Outcome? {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr = in_addr(s_addr: UInt32(0x7f00_0001).bigEndian)
        let started = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if started == 0 { return nil }
        guard errno == EINPROGRESS else { return .failed(SystemFile.describe(errno)) }
        guard wait(for: Int16(POLLOUT), on: fd, wake: wake) else { return .cancelled }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 else { return .failed(SystemFile.describe(errno)) }
        return error == 0 ? nil : .failed(SystemFile.describe(error))
    }

    private static func send(_ bytes: [UInt8], to fd: Int32, wake: Int32) -> Outcome? {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count >= 0 {
                offset += count
            } else if errno == EAGAIN || errno == EINTR {
                guard wait(for: Int16(POLLOUT), on: fd, wake: wake) else { return .cancelled }
            } else {
                return .failed(SystemFile.describe(errno))
            }
        }
        return nil
    }

    private static func receiveLine(from fd: Int32, wake: Int32) -> Outcome {
        var reply: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1024)
        while reply.count < replyLimit, !reply.contains(UInt8(ascii: "\n")) {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                reply += chunk[..<count]
            } else if count == 0 {
                break
            } else if errno == EAGAIN || errno == EINTR {
                guard wait(for: Int16(POLLIN), on: fd, wake: wake) else { return .cancelled }
            } else {
                return .failed(SystemFile.describe(errno))
            }
        }
        return .connected(reply: Array(reply.prefix(replyLimit)))
    }

    /// Waits until `fd` is ready for `events` (or has failed: the next call says how); false
    /// when woken to give up.
    private static func wait(for events: Int16, on fd: Int32, wake: Int32) -> Bool {
        var descriptors = [pollfd(fd: fd, events: events, revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        while true {
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return false
            }
            if descriptors[1].revents != 0 { return false }
            if descriptors[0].revents != 0 { return true }
        }
    }
}

/// A socket pair whose one end an exchange polls and whose other a cancellation writes to.
/// Closed once the exchange is over; a wake-up after that does nothing.
private final class Waker: Sendable {
    let pollDescriptor: Int32
    private let wakeDescriptor: Mutex<Int32?>

    init?() {
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else { return nil }
        pollDescriptor = pair[0]
        wakeDescriptor = Mutex(pair[1])
    }

    func wake() {
        wakeDescriptor.withLock { descriptor in
            guard let descriptor else { return }
            var byte: UInt8 = 1
            _ = Glibc.write(descriptor, &byte, 1)
        }
    }

    func close() {
        wakeDescriptor.withLock { descriptor in
            guard let open = descriptor else { return }
            Glibc.close(open)
            Glibc.close(pollDescriptor)
            descriptor = nil
        }
    }
}
