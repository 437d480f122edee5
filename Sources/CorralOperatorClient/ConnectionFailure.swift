import AsyncHTTPClient
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// A failure to reach a server in a few words ("Connection refused", "connectTimeout") rather
/// than the nested error's whole description.
package func describeConnectionFailure(_ error: any Error) -> String {
    if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
    if let client = error as? HTTPClientError { return "\(client)" }
    return "\(error)"
}
