import CorralModel
import Foundation

extension JobDefinition {
    /// Checks what Chronos checks before it accepts a job, and reads its schedule. An empty
    /// schedule start becomes `now`, written into the returned definition.
    func validated(now: Time) throws(JobsError) -> (job: JobDefinition, schedule: RepeatingSchedule?) {
        func invalid(_ problem: String) -> JobsError { .invalidJob(name, problem: problem) }
        guard !name.isEmpty else { throw invalid("the name must not be empty") }
        // Chronos allows word characters, whitespace, '.', '#', '_' and '-'. Names become task IDs
        // and sandbox directories here, so whitespace is left out.
        guard name.unicodeScalars.allSatisfy(Self.nameCharacters.contains) else {
            throw invalid("the name may only contain letters, digits, '.', '#', '_' and '-'")
        }
        guard !command.allSatisfy(\.isWhitespace) else { throw invalid("the command must not be empty") }
        guard retries >= 0 else { throw invalid("retries must be 0 or more, got \(retries)") }
        // Three decimals, as Mesos keeps them: less would round to nothing.
        guard cpus >= 0.001, cpus <= Resource.maximumScalar else { throw invalid("cpus must be from 0.001 to 1e15, got \(cpus)") }
        guard mem >= 0.001, mem <= Resource.maximumScalar else { throw invalid("mem must be from 0.001 to 1e15, got \(mem)") }
        guard disk >= 0, disk.isFinite else { throw invalid("disk must be 0 or more, got \(disk)") }
        for constraint in constraints {
            guard JobConstraint(constraint) != nil else {
                throw invalid("constraint \(constraint) is not [attribute, EQUALS|LIKE|UNLIKE, value]")
            }
        }
        let hasSchedule = !(schedule ?? "").isEmpty
        guard hasSchedule != !parents.isEmpty else {
            throw invalid(hasSchedule
                ? "a job has either a schedule or parents, not both"
                : "a job needs a schedule (R[n]/<start>/<period>) or parents")
        }
        guard let text = schedule, hasSchedule else {
            var job = self
            job.schedule = nil
            job.scheduleTimeZone = nil
            return (job, nil)
        }
        let zone = scheduleTimeZone.flatMap { $0.isEmpty ? nil : $0 }
        var job = self
        job.scheduleTimeZone = zone
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 3, parts[1].isEmpty {
            // Whole milliseconds, as Chronos writes times, and never after `now`.
            let start = Time(seconds: (now.seconds * 1000).rounded(.down) / 1000)
            job.schedule = "\(parts[0])/\(ChronosTime.format(start))/\(parts[2])"
        }
        do throws(ScheduleError) {
            // The stored text is what is parsed, so a restored job runs at the very same times.
            let parsed = try RepeatingSchedule(parsing: job.schedule ?? text, timeZone: zone, now: Date(timeIntervalSince1970: now.seconds))
            return (job, parsed)
        } catch {
            throw invalid(ScheduleError(text: text, problem: error.problem).description)
        }
    }

    private static let nameCharacters: Set<Unicode.Scalar> = {
        var characters = Set<Unicode.Scalar>()
        for range in [("a", "z"), ("A", "Z"), ("0", "9")] as [(Unicode.Scalar, Unicode.Scalar)] {
            for value in range.0.value...range.1.value { characters.insert(Unicode.Scalar(value)!) }
        }
        for character in ".#_-".unicodeScalars { characters.insert(character) }
        return characters
    }()
}
