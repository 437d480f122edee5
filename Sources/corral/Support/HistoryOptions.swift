import ArgumentParser
import ConsoleHistory
import CorralConsole

/// How much of the cluster's history a console keeps in `<work-dir>/history` for
/// `corral replay`: shared by `corral console` and `corral demo`.
struct HistoryOptions: ParsableArguments {
    @Option(name: .customLong("history-max-age"), help: ArgumentHelp("Seconds of the cluster's history to keep in <work-dir>/history for `corral replay`.", valueName: "seconds"))
    var maxAge: Double = HistoryLimits.default.maxAge

    @Option(name: .customLong("history-max-size"), help: ArgumentHelp("Megabytes of history to keep at most; the oldest goes first.", valueName: "MB"))
    var maxSize: Int = HistoryLimits.default.maxBytes >> 20

    @Flag(name: .customLong("no-history"), help: "Keep no history (nothing to replay).")
    var off = false

    func validate() throws {
        guard maxAge >= 10, maxAge <= 30 * 86400 else { throw ValidationError("--history-max-age must be between 10 s and 30 days, got \(maxAge)") }
        guard maxSize >= 1, maxSize <= 1 << 20 else { throw ValidationError("--history-max-size must be between 1 MB and 1 TB, got \(maxSize)") }
    }

    /// The writer for a console on `workDirectory`, or nil with `--no-history`.
    func writer(workDirectory: String) -> HistoryWriter? {
        off ? nil : HistoryWriter(directory: workDirectory + "/history", limits: HistoryLimits(maxAge: maxAge, maxBytes: maxSize << 20))
    }
}
