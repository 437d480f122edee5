import CorralModel
import Foundation
import GRDB
import Synchronization

/// A framework's SQLite file (through GRDB): opened under a work directory, brought up to date
/// by the framework's migrations, and holding the framework ID that every framework keeps so
/// that after a restart it subscribes as the same framework and the master hands its tasks back.
public final class FrameworkDatabase: Sendable {
    public let queue: DatabaseQueue
    private let storedID: Mutex<FrameworkID?>

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
        let value = try queue.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'frameworkID'") }
        storedID = Mutex(value.map { FrameworkID($0) })
    }

    /// `<workDirectory>/<name>.sqlite`, creating the directory when needed.
    public convenience init(workDirectory: String, name: String, migrations: (inout DatabaseMigrator) -> Void) throws {
        try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
        try self.init(path: workDirectory + "/\(name).sqlite", migrations: migrations)
    }

    /// The ID the master gave the framework last, if it ever subscribed.
    public var frameworkID: FrameworkID? { storedID.withLock { $0 } }

    /// Keeps the ID the master gave; the same ID again (every re-subscription) writes nothing.
    public func setFrameworkID(_ id: FrameworkID) throws {
        guard frameworkID != id else { return }
        try queue.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('frameworkID', ?)", arguments: [id.value])
        }
        storedID.withLock { $0 = id }
    }
}
