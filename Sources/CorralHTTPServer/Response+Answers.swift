import HTTPTypes
import Hummingbird

extension Response {
    /// A JSON answer from bytes already encoded.
    package static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Prometheus's text format (version 0.0.4), what every server's metrics scrape answers.
    package static func prometheus(_ bytes: [UInt8]) -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// An empty answer (202 Accepted for scheduler calls), `Content-Length: 0`.
    package static func empty(_ status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentLength: "0"], body: ResponseBody())
    }
}
