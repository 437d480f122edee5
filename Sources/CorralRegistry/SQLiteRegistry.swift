import CorralAllocator
import CorralMaster
import CorralMesosJSON
import CorralModel
import Foundation
import GRDB

/// The master's registry in a SQLite file (`<work-dir>/registry.sqlite`, `--registry sqlite`).
/// Every `apply` is one transaction in WAL mode with full synchronisation: when it returns, the
/// changes survive a crash of the process or of the machine.
public final class SQLiteRegistry: MasterRegistry {
    private let queue: DatabaseQueue

    /// Opens (or creates) the registry at `path`; nil keeps it in memory (tests).
    public init(path: String?) throws {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        queue = try path.map { try DatabaseQueue(path: $0, configuration: configuration) } ?? DatabaseQueue(configuration: configuration)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("registry") { db in
            try db.create(table: "setting") { table in
                table.primaryKey("key", .text)
                table.column("value", .text).notNull()
            }
            try db.create(table: "agent") { table in
                table.primaryKey("id", .text)
                table.column("state", .text).notNull()  // admitted, unreachable or gone
                table.column("info", .text)  // AgentInfo as Mesos JSON; admitted agents only
                table.column("since", .double).notNull()
            }
            try db.create(table: "weight") { table in
                table.primaryKey("role", .text)
                table.column("weight", .double).notNull()
            }
            try db.create(table: "quota") { table in
                table.primaryKey("role", .text)
                table.column("guarantee", .text).notNull()
                table.column("limit", .text)
            }
        }
        migrator.registerMigration("agent principals") { db in
            try db.create(table: "agent_principal") { table in
                table.primaryKey("id", .text)
                table.column("principal", .text).notNull()
            }
        }
        try migrator.migrate(queue)
    }

    /// `<workDirectory>/registry.sqlite`, creating the directory when needed.
    public convenience init(workDirectory: String) throws {
        try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
        try self.init(path: workDirectory + "/registry.sqlite")
    }

    public func recover() throws -> RegistryState {
        try queue.write { db in
            let clusterID: String
            if let stored = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'clusterID'") {
                clusterID = stored
            } else {
                clusterID = UUID().uuidString.lowercased()
                try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('clusterID', ?)", arguments: [clusterID])
            }
            var state = RegistryState(clusterID: clusterID)
            for row in try Row.fetchAll(db, sql: "SELECT id, state, info, since FROM agent") {
                let id = AgentID(row["id"] as String)
                let since = Time(seconds: row["since"])
                switch row["state"] as String {
                case "admitted":
                    // A row this version cannot read (an older master took what it now
                    // refuses) must not keep the master down: the agent counts as unreachable,
                    // and its tasks come back with it when it re-registers.
                    let text: String = row["info"] ?? ""
                    if let info = try? MesosJSON.decode(AgentInfo.self, from: text) {
                        state.admitted[id] = info
                    } else {
                        state.unreachable[id] = since
                    }
                case "unreachable": state.unreachable[id] = since
                default: state.gone[id] = since
                }
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, principal FROM agent_principal") {
                state.principals[AgentID(row["id"] as String)] = row["principal"]
            }
            for row in try Row.fetchAll(db, sql: "SELECT role, weight FROM weight") {
                let stored: DatabaseValue = row["weight"]
                if let weight = Double.fromDatabaseValue(stored), weight.isFinite, weight > 0 { state.weights[row["role"]] = weight }
            }
            for row in try Row.fetchAll(db, sql: "SELECT role, guarantee, \"limit\" FROM quota") {
                let limit: String? = row["limit"]
                state.quotas[row["role"]] = RoleQuota(guarantee: try Self.amounts(row["guarantee"]), limit: try limit.map(Self.amounts))
            }
            return state
        }
    }

    public func apply(_ changes: [RegistryChange]) throws {
        try queue.write { db in
            for change in changes { try Self.apply(change, in: db) }
        }
    }

    private static func apply(_ change: RegistryChange, in db: Database) throws {
        let upsert = "INSERT OR REPLACE INTO agent (id, state, info, since) VALUES (?, ?, ?, ?)"
        switch change {
        case .admit(let info, let time):
            guard let id = info.id else { return }
            try db.execute(sql: upsert, arguments: [id.value, "admitted", MesosJSON.encodeString(info), time.seconds])
        case .markUnreachable(let ids, let time):
            for id in ids { try db.execute(sql: upsert, arguments: [id.value, "unreachable", nil, time.seconds]) }
        case .markGone(let id, let time):
            try db.execute(sql: upsert, arguments: [id.value, "gone", nil, time.seconds])
            try db.execute(sql: "DELETE FROM agent_principal WHERE id = ?", arguments: [id.value])
        case .remove(let id):
            try db.execute(sql: "DELETE FROM agent WHERE id = ? AND state = 'admitted'", arguments: [id.value])
            try db.execute(sql: "DELETE FROM agent_principal WHERE id = ?", arguments: [id.value])
        case .prune(let unreachable, let gone):
            for id in unreachable {
                try db.execute(sql: "DELETE FROM agent WHERE id = ? AND state = 'unreachable'", arguments: [id.value])
                try db.execute(sql: "DELETE FROM agent_principal WHERE id = ?", arguments: [id.value])
            }
            for id in gone { try db.execute(sql: "DELETE FROM agent WHERE id = ? AND state = 'gone'", arguments: [id.value]) }
        case .bindPrincipal(let id, let principal):
            try db.execute(sql: "INSERT OR REPLACE INTO agent_principal (id, principal) VALUES (?, ?)", arguments: [id.value, principal])
        case .setWeight(let role, let weight):
            if weight == 1 {
                try db.execute(sql: "DELETE FROM weight WHERE role = ?", arguments: [role])
            } else {
                try db.execute(sql: "INSERT OR REPLACE INTO weight (role, weight) VALUES (?, ?)", arguments: [role, weight])
            }
        case .setQuota(let role, let quota):
            if let quota {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO quota (role, guarantee, \"limit\") VALUES (?, ?, ?)",
                    arguments: [role, try text(quota.guarantee), try quota.limit.map(text)])
            } else {
                try db.execute(sql: "DELETE FROM quota WHERE role = ?", arguments: [role])
            }
        }
    }

    private static func text(_ amounts: [String: Double]) throws -> String {
        String(decoding: try JSONEncoder().encode(amounts), as: UTF8.self)
    }

    private static func amounts(_ text: String) throws -> [String: Double] {
        try JSONDecoder().decode([String: Double].self, from: Data(text.utf8))
    }
}
