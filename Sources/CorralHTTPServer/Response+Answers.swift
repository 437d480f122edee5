import HTTPTypes
import Hummingbird

extension Response {
    /// A JSON answer from bytes already encoded.
    package static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// An empty answer (202 Accepted for scheduler calls), `Content-Length: 0`.
    package static func empty(_ status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentLength: "0"], body: ResponseBody())
    }
}
