#if canImport(Glibc)
import Glibc
#endif

/// One line to standard error, written at once (not buffered behind standard output).
func printError(_ text: String) {
    var line = text + "\n"
    line.withUTF8 { bytes in _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
}

/// Scripts wait for the "listening" line; it must not sit in a buffer.
func fflushStandardOutput() { fflush(nil) }  // nil flushes every output stream
