import CorralModel
import Foundation
import GRDB

/// A framework's SQLite file (through GRDB): opened under a work directory, brought up to date
/// by the framework's migrations, and holding the framework ID that every framework keeps so
/// that after a restart it subscribes as the same framework and the master hands its tasks back.
public final class FrameworkDatabase: Sendable {
    public let queue: DatabaseQueue

    /// Opens (or creates) the file at `path`, nil keeping it in memory (for tests), and applies
    /// the framework's own migrations after the shared one.
    public init(path: String?, migrations: (inout DatabaseMigrator) -> Void) throws {
        queue = try path.map { try DatabaseQueue(path: $0) } ?? DatabaseQueue()
        var migrator = DatabaseMigrator()
        migrator.registerMigration("framework") { db in
            try db.create(table: "setting") { table in
                table.primaryKey("key", .text)
                table.column("value", .text).notNull()
            }
        }
        migrations(&migrator)
        try migrator.migrate(queue)
    }

    /// `<workDirectory>/<name>.sqlite`, creating the directory when needed.
    public convenience init(workDirectory: String, name: String, migrations: (inout DatabaseMigrator) -> Void) throws {
        try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
        try self.init(path: workDirectory + "/\(name).sqlite", migrations: migrations)
    }

    public func frameworkID() throws -> FrameworkID? {
        let value = try queue.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'frameworkID'") }
        return value.map { FrameworkID($0) }
    }

    public func setFrameworkID(_ id: FrameworkID) throws {
        try queue.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('frameworkID', ?)", arguments: [id.value])
        }
    }
}
