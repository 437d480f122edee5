import AsyncHTTPClient
import NIOCore

/// Performs readiness probes: the effect behind `ReadinessProbe`, kept out of the core so that
/// tests answer probes on virtual time.
public protocol ReadinessProber: Sendable {
    /// The task's answer, or nil when none came within the probe's timeout (refused, reset,
    /// timed out): not ready either way.
    func probe(_ probe: ReadinessProbe) async -> ReadinessResponse?
}

/// Probes over HTTP(S) with AsyncHTTPClient. Only the first `bodyLimit` bytes of an answer are
/// read: a task's endpoint is not trusted to be small, and `lastResponse` is only for people.
public struct HTTPReadinessProber: ReadinessProber {
    let client: HTTPClient
    let bodyLimit: Int

    public init(client: HTTPClient = .shared, bodyLimit: Int = 16 * 1024) {
        self.client = client
        self.bodyLimit = bodyLimit
    }

    public func probe(_ probe: ReadinessProbe) async -> ReadinessResponse? {
        let request = HTTPClientRequest(url: probe.url)
        let timeout = TimeAmount.milliseconds(Int64(max(1, min(probe.timeoutSeconds, 3600) * 1000)))
        do {
            let response = try await client.execute(request, timeout: timeout)
            var body = ByteBuffer()
            for try await chunk in response.body {
                body.writeImmutableBuffer(chunk.getSlice(at: chunk.readerIndex, length: min(chunk.readableBytes, bodyLimit - body.readableBytes)) ?? ByteBuffer())
                if body.readableBytes >= bodyLimit { break }
            }
            return ReadinessResponse(
                status: Int(response.status.code), contentType: response.headers.first(name: "content-type") ?? "", body: String(buffer: body))
        } catch {
            return nil
        }
    }
}
