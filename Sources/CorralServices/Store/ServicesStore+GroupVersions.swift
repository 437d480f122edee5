import CorralModel
import Foundation
import GRDB

/// Groups' versions in the store (`group_version`): written once, deleted when no longer kept.
extension ServicesStore {
    struct GroupVersionKey: Hashable, Comparable {
        var groupID, version: String

        init(_ past: GroupVersion) {
            groupID = past.id.path
            version = past.version
        }

        static func < (a: GroupVersionKey, b: GroupVersionKey) -> Bool { (a.groupID, a.version) < (b.groupID, b.version) }
    }

    /// Deletes the versions no longer kept and inserts the new ones.
    static func writeGroupVersions(_ kept: [GroupVersionKey: GroupVersion], over previous: [GroupVersionKey: GroupVersion], in db: Database) throws {
        try writeRows(kept, over: previous, table: "group_version", keys: ["groupID", "version"], column: "tree", in: db) { [$0.groupID, $0.version] }
    }

    /// The groups' kept versions; one that no longer reads is left out (a rollback to it is
    /// then a 404, as for a version never written).
    public func groupVersions() throws -> [GroupVersion] {
        let decoder = JSONDecoder()
        let rows = try database.read { db in try String.fetchAll(db, sql: "SELECT tree FROM group_version ORDER BY groupID, version") }
        return rows.compactMap { try? decoder.decode(GroupVersion.self, from: Data($0.utf8)) }
    }
}
