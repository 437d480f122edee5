/// Why a Chronos-style schedule (or one of its parts) could not be read or used.
///
/// `text` is what the user wrote (the whole schedule when there is one); `problem` says which part
/// is wrong and what was expected instead.
public struct ScheduleError: Error, Equatable, CustomStringConvertible {
    public let text: String
    public let problem: String

    public init(text: String, problem: String) {
        self.text = text
        self.problem = problem
    }

    public var description: String { "invalid schedule '\(text)': \(problem)" }

    static let durationExample = "expected e.g. PT15S, P1D or P1Y2M3W4DT5H6M7.5S"
    static let dateTimeExample = "expected e.g. 2026-11-25T10:00:00Z"

    static func notADuration(_ part: String, in text: String) -> ScheduleError {
        ScheduleError(text: text, problem: "'\(part)' is not an ISO 8601 duration (\(durationExample))")
    }

    static func notADateTime(_ part: String, in text: String) -> ScheduleError {
        ScheduleError(text: text, problem: "'\(part)' is not an ISO 8601 date-time (\(dateTimeExample))")
    }

    /// The same problem, reported against the whole schedule text instead of one of its parts.
    func within(_ schedule: String) -> ScheduleError {
        ScheduleError(text: schedule, problem: problem)
    }
}
