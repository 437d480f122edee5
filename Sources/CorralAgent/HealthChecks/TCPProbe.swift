/// A TCP check: healthy when something accepts a connection on the port.
struct TCPProbe: HealthProbe {
    let port: UInt16

    var name: String { "TCP connect to 127.0.0.1:\(port)" }

    func attempt() async -> HealthCheckResult {
        switch await LoopbackSocket.exchange(port: port) {
        case .connected: .passed("\(name): connected")
        case .failed(let reason): .failed("\(name): \(reason)")
        case .cancelled: .failed("\(name): cancelled")
        }
    }
}
