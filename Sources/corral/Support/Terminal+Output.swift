import Dispatch

#if canImport(Glibc)
import Glibc
#endif

func printError(_ text: String) {
    var line = text + "\n"
    line.withUTF8 { bytes in _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
}

/// SIGINT and SIGTERM as an async sequence, so Ctrl-C (or a `kill`) becomes an orderly kill of
/// the task instead of an exit that leaves it running.
final class InterruptSignals: Sendable {
    let stream: AsyncStream<Void>
    // Dispatch sources are thread-safe; these are only resumed and cancelled.
    private nonisolated(unsafe) let sources: [any DispatchSourceSignal]

    init(signals: [Int32] = [SIGINT, SIGTERM]) {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        self.stream = stream
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            return source
        }
    }

    deinit { for source in sources { source.cancel() } }
}

/// Scripts wait for the "listening" line; it must not sit in a buffer.
func fflushStandardOutput() { fflush(nil) }  // nil flushes every output stream
