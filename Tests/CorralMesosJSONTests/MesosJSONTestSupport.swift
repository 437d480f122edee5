import Testing
@testable import CorralMesosJSON
@testable import CorralModel

/// decode(encode(value)): what a peer reading Corral's output gets back.
func roundTripped<T: MesosJSONCodable>(_ value: T) throws -> T {
    try MesosJSON.decode(T.self, from: MesosJSON.encode(value))
}

/// The message a decoding failure carries (what the HTTP layer answers 400 with).
func decodingError<T: MesosJSONDecodable>(_ type: T.Type, _ json: String) -> String? {
    do {
        _ = try MesosJSON.decode(T.self, from: json)
        return nil
    } catch {
        return error.description
    }
}
