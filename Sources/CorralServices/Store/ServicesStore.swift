import CorralModel
import CorralStorage
import Foundation
import GRDB
import Synchronization

/// Services' memory across restarts, in SQLite: the framework ID (so a restarted Services comes
/// back as the same framework and keeps its tasks), the app definitions with their versions,
/// and the instances it launched (so it re-attaches to them through reconciliation instead of
/// launching duplicates).
public final class ServicesStore: Sendable {
    private let file: FrameworkDatabase
    var database: DatabaseQueue { file.queue }

    /// Opens (or creates) the store at `path`; `nil` keeps it in memory, for tests.
    public init(path: String?) throws {
        file = try FrameworkDatabase(path: path, migrations: Self.migrations)
    }

    /// The store's file under a work directory: `<dir>/services.sqlite`.
    public init(workDirectory: String) throws {
        file = try FrameworkDatabase(workDirectory: workDirectory, name: "services", migrations: Self.migrations)
    }

    private static func migrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("services-v1") { db in
            try db.create(table: "app") { table in
                table.primaryKey("id", .text)
                table.column("definition", .text).notNull()
                table.column("version", .text).notNull()
            }
            try db.create(table: "instance") { table in
                table.primaryKey("taskID", .text)
                table.column("appID", .text).notNull()
                table.column("agentID", .text).notNull()
                table.column("hostname", .text).notNull()
                table.column("attributes", .text).notNull()
                table.column("version", .text).notNull()
                table.column("ports", .text).notNull()
                table.column("stagedAt", .double).notNull()
                table.column("startedAt", .double)
            }
        }
        // The versions of each app, for /v2/apps/{id}/versions: a bounded history (see
        // `ServicesCore.maximumVersions`), written as it changes.
        migrator.registerMigration("services-v2-versions") { db in
            try createVersionTable("app_version", of: "appID", holding: "definition", in: db)
        }
        // Groups kept on their own (`ServiceGroup`): those created through /v2/groups, empty
        // ones included, with their dependencies and versions; written as they change.
        migrator.registerMigration("services-v3-groups") { db in
            try db.create(table: "app_group") { table in
                table.primaryKey("id", .text)
                table.column("definition", .text).notNull()
            }
        }
        // Each group as its changes left it (`GroupVersion`), for a rollback to one of them:
        // a version never changes once written, so a save inserts the new and deletes the old.
        migrator.registerMigration("services-v4-group-versions") { db in
            try createVersionTable("group_version", of: "groupID", holding: "tree", in: db)
        }
        // A scale is a version of its own: an app's last change other than a scale is kept
        // beside its version (NULL in stores from before, where the two were one).
        migrator.registerMigration("services-v5-config-version") { db in
            try db.alter(table: "app") { table in table.add(column: "configVersion", .text) }
        }
    }

    /// A table of versions, one row per (`owner`, version), its JSON in `column`.
    private static func createVersionTable(_ name: String, of owner: String, holding column: String, in db: Database) throws {
        try db.create(table: name) { table in
            table.column(owner, .text).notNull()
            table.column("version", .text).notNull()
            table.column(column, .text).notNull()
            table.primaryKey([owner, "version"])
        }
    }

    public var frameworkID: FrameworkID? { file.frameworkID }
    public func setFrameworkID(_ id: FrameworkID) throws { try file.setFrameworkID(id) }

    // MARK: Apps and instances

    /// Makes what Services knows now durable, in one transaction, so that a crash never leaves
    /// half of a change: only the apps and instances that changed since the last save are
    /// written, and those that went are deleted. Services saves before it acts on a change, and
    /// saves after every event and tick; when nothing it stores changed this writes nothing.
    ///
    /// `lastTaskNumber` is the number in the last task ID handed out: kept so that a restarted
    /// Services never names a new task as one that ran before (an instance expunged as
    /// unreachable may still be running somewhere, under its old ID).
    ///
    /// `versions` are each app's kept versions; a version whose definition changed (a scale)
    /// is rewritten, one no longer kept is deleted. `configVersions` are each app's last change
    /// other than a scale (the version itself when missing).
    public func save(
        apps: [(definition: AppDefinition, version: String)], instances: [AppInstance], lastTaskNumber: Int = 0, versions: [AppID: [AppVersion]] = [:],
        groups: [ServiceGroup] = [], groupVersions: [GroupVersion] = [], configVersions: [AppID: String] = [:]
    ) throws {
        let state = Stored(
            apps: apps.map { app in
                StoredApp(definition: app.definition, version: app.version, configVersion: (try? AppID(parsing: app.definition.id)).flatMap { configVersions[$0] } ?? app.version)
            },
            instances: instances.map(InstanceRow.init),
            lastTaskNumber: lastTaskNumber,
            versions: Dictionary(versions.flatMap { id, kept in kept.map { (VersionKey(appID: id.path, version: $0.version), $0.definition) } }) { _, last in last },
            groups: Dictionary(groups.map { ($0.id.path, $0) }) { _, last in last },
            groupVersions: Dictionary(groupVersions.map { (GroupVersionKey($0), $0) }) { _, last in last })
        // The first save of a process does not know what the file holds: it writes it whole.
        let last = saved.withLock { $0 }
        let previous = last ?? Stored(apps: [], instances: [], lastTaskNumber: -1, versions: [:], groups: [:], groupVersions: [:])
        guard last != state else { return }
        let oldApps = Dictionary(previous.apps.map { ($0.definition.id, $0) }, uniquingKeysWith: { _, last in last })
        let newApps = Dictionary(state.apps.map { ($0.definition.id, $0) }, uniquingKeysWith: { _, last in last })
        let oldInstances = Dictionary(previous.instances.map { ($0.taskID, $0) }, uniquingKeysWith: { _, last in last })
        let newInstances = Dictionary(state.instances.map { ($0.taskID, $0) }, uniquingKeysWith: { _, last in last })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let changedApps = try newApps.filter { oldApps[$0.key] != $0.value }.sorted { $0.key < $1.key }.map { id, app in
            (id, String(decoding: try encoder.encode(app.definition), as: UTF8.self), app.version, app.configVersion)
        }
        try database.write { db in
            if last == nil {
                for table in ["app", "instance", "app_version", "app_group", "group_version"] { try db.execute(sql: "DELETE FROM \(table)") }
            }
            try Self.writeVersions(state.versions, over: previous.versions, in: db)
            try Self.writeGroups(state.groups, over: previous.groups, in: db)
            try Self.writeGroupVersions(state.groupVersions, over: previous.groupVersions, in: db)
            if state.lastTaskNumber != previous.lastTaskNumber {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('lastTaskNumber', ?)", arguments: [String(state.lastTaskNumber)])
            }
            for id in oldApps.keys.sorted() where newApps[id] == nil {
                try db.execute(sql: "DELETE FROM app WHERE id = ?", arguments: [id])
            }
            for (id, json, version, configVersion) in changedApps {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO app (id, definition, version, configVersion) VALUES (?, ?, ?, ?)", arguments: [id, json, version, configVersion])
            }
            for taskID in oldInstances.keys.sorted() where newInstances[taskID] == nil {
                try db.execute(sql: "DELETE FROM instance WHERE taskID = ?", arguments: [taskID])
            }
            for (_, row) in newInstances.sorted(by: { $0.key < $1.key }) where oldInstances[row.taskID] != row {
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO instance (taskID, appID, agentID, hostname, attributes, version, ports, stagedAt, startedAt)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [row.taskID, row.appID, row.agentID, row.hostname, row.attributes, row.version, row.ports, row.stagedAt, row.startedAt])
            }
        }
        saved.withLock { $0 = state }
    }

    /// What was written last, to tell whether a save changes anything.
    private let saved = Mutex<Stored?>(nil)

    private struct Stored: Equatable {
        var apps: [StoredApp]
        var instances: [InstanceRow]
        var lastTaskNumber: Int
        var versions: [VersionKey: AppDefinition]
        var groups: [String: ServiceGroup]
        var groupVersions: [GroupVersionKey: GroupVersion]
    }

    /// Deletes the versions no longer kept and writes those that are new or changed.
    private static func writeVersions(_ versions: [VersionKey: AppDefinition], over previous: [VersionKey: AppDefinition], in db: Database) throws {
        try writeRows(versions, over: previous, table: "app_version", keys: ["appID", "version"], column: "definition", in: db) { [$0.appID, $0.version] }
    }

    /// Deletes the groups that went and writes those that are new or changed.
    private static func writeGroups(_ groups: [String: ServiceGroup], over previous: [String: ServiceGroup], in db: Database) throws {
        try writeRows(groups, over: previous, table: "app_group", keys: ["id"], column: "definition", in: db) { [$0] }
    }

    /// Deletes the rows whose key went and writes those new or changed, each value as JSON in
    /// `column`; `values` gives a key's columns, in the order of `keys`. Table and column names
    /// are this file's constants, never a client's.
    static func writeRows<Key: Hashable & Comparable, Value: Encodable & Equatable>(
        _ rows: [Key: Value], over previous: [Key: Value], table: String, keys: [String], column: String, in db: Database, values: (Key) -> [String]
    ) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let matching = keys.map { "\($0) = ?" }.joined(separator: " AND ")
        for key in previous.keys.sorted() where rows[key] == nil {
            try db.execute(sql: "DELETE FROM \(table) WHERE \(matching)", arguments: StatementArguments(values(key)))
        }
        let placeholders = Array(repeating: "?", count: keys.count + 1).joined(separator: ", ")
        for (key, value) in rows.sorted(by: { $0.key < $1.key }) where previous[key] != value {
            let json = String(decoding: try encoder.encode(value), as: UTF8.self)
            try db.execute(
                sql: "INSERT OR REPLACE INTO \(table) (\((keys + [column]).joined(separator: ", "))) VALUES (\(placeholders))",
                arguments: StatementArguments(values(key) + [json]))
        }
    }

    /// The kept groups, in id order; one that no longer reads is left out (its apps keep
    /// their own groups).
    public func groups() throws -> [ServiceGroup] {
        let decoder = JSONDecoder()
        let rows = try database.read { db in try String.fetchAll(db, sql: "SELECT definition FROM app_group ORDER BY id") }
        return rows.compactMap { try? decoder.decode(ServiceGroup.self, from: Data($0.utf8)) }
    }

    private struct VersionKey: Hashable, Comparable {
        var appID, version: String
        static func < (a: VersionKey, b: VersionKey) -> Bool { (a.appID, a.version) < (b.appID, b.version) }
    }

    private struct StoredApp: Equatable {
        var definition: AppDefinition
        var version: String
        var configVersion: String
    }

    /// The columns of an instance: what a restart needs, not its last status.
    private struct InstanceRow: Equatable {
        var taskID, appID, agentID, hostname, attributes, version, ports: String
        var stagedAt: Double
        var startedAt: Double?

        init(_ instance: AppInstance) {
            taskID = instance.taskID.value
            appID = instance.appID.path
            agentID = instance.site.agentID.value
            hostname = instance.site.hostname
            attributes = instance.site.attributes.map { "\($0.name):\($0.text)" }.joined(separator: ";")
            version = instance.version
            ports = instance.ports.map(String.init).joined(separator: ",")
            stagedAt = instance.stagedAt.seconds
            startedAt = instance.startedAt?.seconds
        }
    }

    /// The stored apps with their versions and last changes other than a scale (nil when the
    /// store is older than that), in id order.
    public func apps() throws -> [(definition: AppDefinition, version: String, configVersion: String?)] {
        let decoder = JSONDecoder()
        return try database.read { db in
            try Row.fetchAll(db, sql: "SELECT definition, version, configVersion FROM app ORDER BY id").map { row in
                let json: String = row["definition"]
                return (try decoder.decode(AppDefinition.self, from: Data(json.utf8)), row["version"], row["configVersion"])
            }
        }
    }

    /// Each app's stored versions, oldest first; an app ID that no longer parses is left out.
    public func versions() throws -> [AppID: [AppVersion]] {
        let decoder = JSONDecoder()
        let rows = try database.read { db in try Row.fetchAll(db, sql: "SELECT appID, version, definition FROM app_version ORDER BY appID, version") }
        var versions: [AppID: [AppVersion]] = [:]
        for row in rows {
            let json: String = row["definition"]
            guard let id = try? AppID(parsing: row["appID"]) else { continue }
            versions[id, default: []].append(AppVersion(version: row["version"], definition: try decoder.decode(AppDefinition.self, from: Data(json.utf8))))
        }
        return versions
    }

    /// The number in the last task ID handed out (0 when none was, or the file predates it).
    public func lastTaskNumber() throws -> Int {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'lastTaskNumber'").flatMap { Int($0) } ?? 0
        }
    }

    /// The stored instances, unconfirmed until reconciliation says their tasks still run.
    public func instances() throws -> [AppInstance] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM instance ORDER BY taskID").compactMap { row in
                guard let appID = try? AppID(parsing: row["appID"]) else { return nil }
                let site = PlacementSite(
                    agentID: AgentID(row["agentID"]), hostname: row["hostname"],
                    attributes: (try? Attribute.parseList(row["attributes"])) ?? [])
                let ports = (row["ports"] as String).split(separator: ",").compactMap { Int($0) }
                return AppInstance(
                    taskID: TaskID(row["taskID"]), appID: appID, site: site, version: row["version"], ports: ports,
                    state: .staging, stagedAt: Time(seconds: row["stagedAt"]), startedAt: (row["startedAt"] as Double?).map(Time.init(seconds:)),
                    confirmed: false)
            }
        }
    }
}
