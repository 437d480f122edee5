import AsyncHTTPClient
import NIOSSL
import Synchronization

/// The HTTP clients Corral's programs talk through: the shared one (the system's trust roots),
/// or one that trusts the certificates of a `--ca-file` too. Each lives as long as the process,
/// as AsyncHTTPClient wants its clients shut down before they go.
public enum HTTPClients {
    private static let byCAFile = Mutex<[String: HTTPClient]>([:])

    /// The client for servers whose certificates `caFile` (PEM) signs, or the shared one.
    public static func client(caFile: String?) throws -> HTTPClient {
        guard let caFile else { return .shared }
        let roots: [NIOSSLCertificate]
        do {
            roots = try NIOSSLCertificate.fromPEMFile(caFile)
        } catch {
            throw TLSFileError(flag: "--ca-file", path: caFile, problem: "\(error)")
        }
        return byCAFile.withLock { clients in
            if let existing = clients[caFile] { return existing }
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(roots)
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls))
            clients[caFile] = client
            return client
        }
    }
}
