import CorralSDKHTTP
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOCore
import NIOSSL

/// How every Corral server takes connections: HTTP/1.1, connections idle between requests
/// closed after `idleTimeout` (a client that opens connections and sends nothing cannot pile
/// them up; event streams are not idle while they answer), connections whose client stopped
/// reading closed after `stalledReaderLimit`, event streams ended when their client closes its
/// side, and TLS when given a certificate.
public struct ServerTransport: Sendable {
    public var idleTimeout: TimeAmount = .seconds(60)
    /// How long a client may leave what it was sent unread before it is let go.
    public var stalledReaderLimit: TimeAmount = .seconds(60)
    /// PEM files: the certificate chain and its private key (`--tls-cert`, `--tls-key`).
    public var tls: (certificate: String, key: String)?

    public init() {}

    public var isTLS: Bool { tls != nil }
    public var scheme: String { isTLS ? "https" : "http" }

    /// Reads the certificate and key now, so that a bad file is an error at start-up. The
    /// connections `split` names are answered by its handler, outside the async HTTP stack.
    package func builder(split: RequestLineSplit? = nil) throws -> HTTPServerBuilder {
        let limit = stalledReaderLimit
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [StalledReaderHandler(limit: limit), HalfClosedStreamHandler()], idleTimeout: idleTimeout)
        let secure = isTLS
        let http = split.map { split in
            HTTPServerBuilder { responder in
                SplitHTTP1Channel(http: HTTP1Channel(responder: responder, configuration: http1), split: split, stalledReaderLimit: limit, secure: secure)
            }
        } ?? .http1(configuration: http1)
        guard let tls else { return http }
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(tls.certificate)
        } catch {
            throw TLSFileError(flag: "--tls-cert", path: tls.certificate, problem: "\(error)")
        }
        do {
            key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
        } catch {
            throw TLSFileError(flag: "--tls-key", path: tls.key, problem: "\(error)")
        }
        guard !chain.isEmpty else { throw TLSFileError(flag: "--tls-cert", path: tls.certificate, problem: "no certificate in the file") }
        let configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        return try .tls(http, tlsConfiguration: configuration)
    }
}

extension ServerTransport {
    /// Reads the certificate and key as a server's start would, throwing what is wrong.
    public func check() throws {
        _ = try builder()
    }
}
