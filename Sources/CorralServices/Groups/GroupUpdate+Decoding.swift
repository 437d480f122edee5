/// Marathon's group JSON (`{"id", "apps", "groups", "dependencies", "scaleBy"}`): lenient on
/// what is missing, strict on types, each app decoded as `/v2/apps` decodes one. Nesting is
/// refused beyond `maximumDepth` before the deeper groups are read, so a hostile document
/// cannot make the decoding recurse without end. `version` is read for a rollback (see
/// `rollbackVersion`); other keys (`pods` when empty, what a client copies from a GET) are
/// ignored, as Marathon ignores them.
extension GroupUpdate: Decodable {
    private enum Keys: String, CodingKey { case id, apps, groups, dependencies, scaleBy, version, pods }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let depth = decoder.codingPath.filter { $0.stringValue == Keys.groups.stringValue }.count
        guard depth <= Self.maximumDepth else {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "groups nest at most \(Self.maximumDepth) deep"))
        }
        id = try container.decodeIfPresent(String.self, forKey: .id)
        apps = try container.decodeIfPresent([AppDefinition].self, forKey: .apps)
        groups = try container.decodeIfPresent([GroupUpdate].self, forKey: .groups)
        dependencies = try container.decodeIfPresent([String].self, forKey: .dependencies)
        scaleBy = try container.decodeIfPresent(Double.self, forKey: .scaleBy)
        version = try container.decodeIfPresent(String.self, forKey: .version)
        if container.contains(.pods), try !container.decodeNil(forKey: .pods) {
            let pods = try container.nestedUnkeyedContainer(forKey: .pods)
            if (pods.count ?? 0) > 0 {
                throw DecodingError.dataCorruptedError(forKey: .pods, in: container, debugDescription: "Services runs apps, not pods")
            }
        }
    }
}
