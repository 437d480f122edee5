import AsyncHTTPClient
import NIOSSL
import Synchronization

/// The HTTP clients Corral's programs talk through: the shared one (the system's trust roots),
/// or one that trusts the certificates of a `--ca-file` too. Each lives as long as the process,
/// as AsyncHTTPClient wants its clients shut down before they go.
public enum HTTPClients {
    private static let byKey = Mutex<[Key: HTTPClient]>([:])

    /// The client for servers whose certificates `caFile` (PEM) signs, or the shared one. With
    /// `retryingConnections` false, a request fails as soon as its connection cannot be made:
    /// a command line says at once that a master is down, where the shared client would retry
    /// until its connect timeout (10 s) to ride out a flaky network.
    public static func client(caFile: String?, retryingConnections: Bool = true) throws -> HTTPClient {
        if caFile == nil, retryingConnections { return .shared }
        var configuration = HTTPClient.Configuration()
        if let caFile {
            let roots: [NIOSSLCertificate]
            do {
                roots = try NIOSSLCertificate.fromPEMFile(caFile)
            } catch {
                throw TLSFileError(flag: "--ca-file", path: caFile, problem: "\(error)")
            }
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(roots)
            configuration.tlsConfiguration = tls
        }
        configuration.connectionPool.retryConnectionEstablishment = retryingConnections
        let key = Key(caFile: caFile, retryingConnections: retryingConnections)
        return byKey.withLock { clients in
            if let existing = clients[key] { return existing }
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            clients[key] = client
            return client
        }
    }

    private struct Key: Hashable {
        var caFile: String?
        var retryingConnections: Bool
    }
}
