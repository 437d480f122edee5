import CorralModel
import CorralStorage
import Foundation
import GRDB
import Synchronization

/// Jobs' memory across restarts, in SQLite: the framework ID (so a restarted Jobs comes back as
/// the same framework and keeps its tasks), the job definitions (as Chronos JSON), each job's
/// counters and last runs, and the runs waiting for an offer.
///
/// `save` takes the whole state and writes only what changed since the last save, in one
/// transaction: a crash never leaves half of a change, and a tick that changes nothing costs
/// nothing.
public final class JobsStore: Sendable {
    private let file: FrameworkDatabase
    private var database: DatabaseQueue { file.queue }
    private let saved: Mutex<JobsState>

    /// Opens (or creates) the store at `path`; nil keeps it in memory, for tests.
    public convenience init(path: String?) throws {
        try self.init(file: FrameworkDatabase(path: path, migrations: Self.migrations))
    }

    /// The store's file under a work directory: `<dir>/jobs.sqlite`.
    public convenience init(workDirectory: String) throws {
        try self.init(file: FrameworkDatabase(workDirectory: workDirectory, name: "jobs", migrations: Self.migrations))
    }

    private init(file: FrameworkDatabase) throws {
        self.file = file
        saved = Mutex(JobsState())
        let state = try load()
        saved.withLock { $0 = state }
    }

    // MARK: Framework ID

    public var frameworkID: FrameworkID? { file.frameworkID }
    public func setFrameworkID(_ id: FrameworkID) throws { try file.setFrameworkID(id) }

    // MARK: Jobs

    /// Everything saved: jobs, their history, and the queued runs in order.
    public func load() throws -> JobsState {
        try database.read { db in
            var state = JobsState()
            for row in try Row.fetchAll(db, sql: "SELECT name, definition FROM job") {
                let name: String = row["name"]
                let text: String = row["definition"]
                do {
                    state.jobs[name] = try JobDefinition(chronosJSON: Array(text.utf8))
                } catch {
                    throw JobsStoreError(problem: "the stored definition of job '\(name)' cannot be read: \(error)")
                }
                state.history[name] = JobHistory()
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM job_history") {
                let name: String = row["name"]
                guard state.jobs[name] != nil else { continue }
                var history = JobHistory()
                history.successCount = row["success_count"]
                history.errorCount = row["error_count"]
                history.errorsSinceLastSuccess = row["errors_since_last_success"]
                history.lastSuccess = Self.time(row["last_success"])
                history.lastError = Self.time(row["last_error"])
                history.lastRun = Self.time(row["last_run"])
                history.scheduledThrough = Self.time(row["scheduled_through"])
                history.runsSoFar = row["runs_so_far"]
                state.history[name] = history
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM job_run ORDER BY job_name, position") {
                let name: String = row["job_name"]
                guard state.jobs[name] != nil else { continue }
                let stateName: String = row["state"]
                state.history[name]!.runs.append(JobHistory.Run(
                    taskID: TaskID(row["task_id"] as String), agentID: (row["agent_id"] as String?).map { AgentID($0) },
                    attempt: row["attempt"], triesLeft: row["tries_left"], startedAt: Time(seconds: row["started_at"]),
                    endedAt: Self.time(row["ended_at"]), state: TaskState(rawValue: stateName) ?? .unknown,
                    message: row["message"], exitStatus: row["exit_status"],
                    report: Self.report(awaited: row["report_awaited"], status: row["report_status"])))
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM pending_run ORDER BY position") {
                state.pending.append(PendingRun(
                    name: row["job_name"], attempt: row["attempt"], triesLeft: row["tries_left"], queuedAt: Time(seconds: row["queued_at"])))
            }
            return state
        }
    }

    /// Makes the store hold `state`, writing only the jobs, histories and queue that changed.
    public func save(_ state: JobsState) throws {
        try saved.withLock { saved in
            guard saved != state else { return }
            try database.write { db in
                for name in saved.jobs.keys where state.jobs[name] == nil {
                    for table in ["job", "job_history"] { try db.execute(sql: "DELETE FROM \(table) WHERE name = ?", arguments: [name]) }
                    try db.execute(sql: "DELETE FROM job_run WHERE job_name = ?", arguments: [name])
                }
                for (name, job) in state.jobs where saved.jobs[name] != job {
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO job (name, definition) VALUES (?, ?)",
                        arguments: [name, String(decoding: job.chronosJSON(), as: UTF8.self)])
                }
                for (name, history) in state.history where saved.history[name] != history && state.jobs[name] != nil {
                    try Self.write(history, of: name, db)
                }
                if saved.pending != state.pending {
                    try db.execute(sql: "DELETE FROM pending_run")
                    for (position, run) in state.pending.enumerated() {
                        try db.execute(
                            sql: "INSERT INTO pending_run (position, job_name, attempt, tries_left, queued_at) VALUES (?, ?, ?, ?, ?)",
                            arguments: [position, run.name, run.attempt, run.triesLeft, run.queuedAt.seconds])
                    }
                }
            }
            saved = state
        }
    }

    private static func write(_ history: JobHistory, of name: String, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO job_history (name, success_count, error_count, errors_since_last_success, last_success,
                    last_error, last_run, scheduled_through, runs_so_far) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                name, history.successCount, history.errorCount, history.errorsSinceLastSuccess, history.lastSuccess?.seconds,
                history.lastError?.seconds, history.lastRun?.seconds, history.scheduledThrough?.seconds, history.runsSoFar,
            ])
        try db.execute(sql: "DELETE FROM job_run WHERE job_name = ?", arguments: [name])
        for (position, run) in history.runs.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO job_run (task_id, job_name, position, agent_id, attempt, tries_left, started_at, ended_at, state,
                        message, exit_status, report_awaited, report_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.taskID.value, name, position, run.agentID?.value, run.attempt, run.triesLeft, run.startedAt.seconds,
                    run.endedAt?.seconds, run.state.rawValue, run.message, run.exitStatus, run.report == .awaited, run.reportedStatus,
                ])
        }
    }

    private static func time(_ seconds: Double?) -> Time? { seconds.map(Time.init(seconds:)) }

    /// An async job's report, from its two columns: awaited, or the status it said.
    private static func report(awaited: Bool, status: Int?) -> JobHistory.Report? {
        awaited ? .awaited : status.map { .received(statusCode: $0) }
    }

    private static func migrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("jobs-v1") { db in
            try db.create(table: "job") { table in
                table.primaryKey("name", .text)
                table.column("definition", .text).notNull()
            }
            try db.create(table: "job_history") { table in
                table.primaryKey("name", .text)
                table.column("success_count", .integer).notNull()
                table.column("error_count", .integer).notNull()
                table.column("errors_since_last_success", .integer).notNull()
                table.column("last_success", .double)
                table.column("last_error", .double)
                table.column("last_run", .double)
                table.column("scheduled_through", .double)
                table.column("runs_so_far", .integer).notNull()
            }
            try db.create(table: "job_run") { table in
                table.primaryKey("task_id", .text)
                table.column("job_name", .text).notNull().indexed()
                table.column("position", .integer).notNull()
                table.column("agent_id", .text)
                table.column("attempt", .integer).notNull()
                table.column("tries_left", .integer).notNull()
                table.column("started_at", .double).notNull()
                table.column("ended_at", .double)
                table.column("state", .text).notNull()
                table.column("message", .text)
                table.column("exit_status", .integer)
            }
            try db.create(table: "pending_run") { table in
                table.primaryKey("position", .integer)
                table.column("job_name", .text).notNull()
                table.column("attempt", .integer).notNull()
                table.column("tries_left", .integer).notNull()
                table.column("queued_at", .double).notNull()
            }
        }
        // Async jobs' runs wait for the job's report; a restart must not forget which do.
        migrator.registerMigration("jobs-v2-async-reports") { db in
            try db.alter(table: "job_run") { table in
                table.add(column: "report_awaited", .boolean).notNull().defaults(to: false)
                table.add(column: "report_status", .integer)
            }
        }
    }
}

public struct JobsStoreError: Error, CustomStringConvertible {
    public var problem: String
    public var description: String { problem }
}
