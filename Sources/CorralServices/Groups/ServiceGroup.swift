/// A group Services keeps on its own, besides those implied by app IDs: one created or changed
/// through `/v2/groups` persists, empty or not, with its dependencies.
public struct ServiceGroup: Hashable, Sendable, Codable {
    public var id: GroupID
    /// Absolute paths of apps or groups every app in this group (and below) waits for.
    public var dependencies: [String]
    /// The version of its last change, and those before (oldest first, bounded as an app's).
    public var versions: [String]

    public init(id: GroupID, dependencies: [String] = [], versions: [String] = []) {
        self.id = id
        self.dependencies = dependencies
        self.versions = versions
    }

    public var version: String? { versions.last }
}

extension GroupID: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try GroupID(parsing: text) } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(path)
    }
}
