import CorralMesosJSON
import CorralModel

/// Chronos's job JSON (camelCase keys, Chronos's defaults for what is left out), as
/// chronos-python and Chronos's own UI send it.
extension JobDefinition {
    /// Reads a job from a request body. Listing-only fields (`successCount`, `lastError`, …) are
    /// ignored, so a listed job can be posted back; unknown fields are kept in `otherFields`.
    public init<Bytes: Collection<UInt8>>(chronosJSON bytes: Bytes) throws(JobsError) {
        let value: MesosJSONValue
        do {
            value = try MesosJSON.parse(bytes)
        } catch {
            throw .malformed(error.description)
        }
        try self.init(chronosJSON: value)
    }

    public init(chronosJSON value: MesosJSONValue) throws(JobsError) {
        do throws(MesosJSONError) {
            self = try Self.read(try value.object())
        } catch {
            throw .malformed(error.description)
        }
    }

    private static func read(_ object: MesosJSONObject) throws(MesosJSONError) -> JobDefinition {
        var job = JobDefinition(name: try object.required("name"), command: try object.optional("command") ?? "")
        job.shell = try object.optional("shell") ?? job.shell
        job.arguments = try object.repeated("arguments")
        job.schedule = try object.optional("schedule", as: String.self)
        job.scheduleTimeZone = try object.optional("scheduleTimeZone", as: String.self).flatMap { $0.isEmpty ? nil : $0 }
        job.parents = try object.repeated("parents")
        if let epsilon = try object.optional("epsilon", as: String.self) {
            do throws(ScheduleError) {
                job.epsilon = try ISODuration(parsing: epsilon)
            } catch {
                throw MesosJSONError(path: [.key("epsilon")], problem: "'\(epsilon)' is not an ISO 8601 duration (expected e.g. PT30M)")
            }
        }
        job.retries = try object.optional("retries") ?? job.retries
        job.cpus = try object.optional("cpus") ?? job.cpus
        job.mem = try object.optional("mem") ?? job.mem
        job.disk = try object.optional("disk") ?? job.disk
        job.disabled = try object.optional("disabled") ?? job.disabled
        job.concurrent = try object.optional("concurrent") ?? job.concurrent
        job.async = try object.optional("async") ?? job.async
        job.environmentVariables = try environment(object)
        job.owner = try object.optional("owner") ?? ""
        job.ownerName = try object.optional("ownerName") ?? ""
        job.description = try object.optional("description") ?? ""
        job.runAsUser = try object.optional("runAsUser", as: String.self)
        job.constraints = try object.repeated("constraints", of: [String].self)
        job.uris = try object.repeated("uris")
        job.otherFields = MesosJSONObject(object.members.filter { !Self.readKeys.contains($0.key) && !Self.listingKeys.contains($0.key) })
        return job
    }

    /// `[{"name": "X", "value": "1"}]`; a number as value is taken as its text.
    private static func environment(_ object: MesosJSONObject) throws(MesosJSONError) -> [EnvironmentVariable] {
        guard let list = object["environmentVariables"] else { return [] }
        var variables: [EnvironmentVariable] = []
        do throws(MesosJSONError) {
            for (index, item) in try list.array().enumerated() {
                do throws(MesosJSONError) {
                    let entry = try item.object()
                    let value: String
                    switch entry["value"] {
                    case .number(let text): value = text
                    case .bool(let flag): value = flag ? "true" : "false"
                    default: value = try entry.optional("value") ?? ""
                    }
                    variables.append(EnvironmentVariable(name: try entry.required("name"), value: value))
                } catch {
                    throw MesosJSONError(path: [.index(index)] + error.path, problem: error.problem)
                }
            }
        } catch {
            throw MesosJSONError(path: [.key("environmentVariables")] + error.path, problem: error.problem)
        }
        return variables
    }

    static let readKeys: Set<String> = [
        "name", "command", "shell", "arguments", "schedule", "scheduleTimeZone", "parents", "epsilon", "retries", "cpus", "mem",
        "disk", "disabled", "concurrent", "async", "environmentVariables", "owner", "ownerName", "description", "runAsUser",
        "constraints", "uris",
    ]
    /// What listings add; Chronos ignores them when a job is posted, and so does Corral.
    static let listingKeys: Set<String> = ["successCount", "errorCount", "errorsSinceLastSuccess", "lastSuccess", "lastError"]

    // MARK: Writing

    /// The job as Chronos lists it, with `stats` (counters and last times) when given.
    public func chronosJSON(history: JobHistory? = nil) -> [UInt8] {
        var writer = MesosJSONWriter()
        writeChronosJSON(to: &writer, history: history)
        return writer.bytes
    }

    public func writeChronosJSON(to writer: inout MesosJSONWriter, history: JobHistory?) {
        writer.writeObject { writer in
            writer.field("name", name)
            writer.field("command", command)
            writer.field("shell", shell)
            writer.field("arguments", arguments)
            if let schedule {
                writer.field("schedule", schedule)
                writer.field("scheduleTimeZone", scheduleTimeZone ?? "")
            } else {
                writer.field("parents", parents)
            }
            writer.field("epsilon", epsilon.description)
            writer.field("retries", retries)
            writer.field("cpus", cpus)
            writer.field("mem", mem)
            writer.field("disk", disk)
            writer.field("disabled", disabled)
            writer.field("concurrent", concurrent)
            writer.field("async", async)
            writer.key("environmentVariables")
            writer.writeArray { writer in
                for variable in environmentVariables {
                    writer.writeObject { writer in
                        writer.field("name", variable.name)
                        writer.field("value", variable.value)
                    }
                }
            }
            writer.field("owner", owner)
            writer.field("ownerName", ownerName)
            writer.field("description", description)
            writer.field("runAsUser", ifPresent: runAsUser)
            writer.field("constraints", constraints)
            writer.field("uris", uris)
            if let history {
                writer.field("successCount", history.successCount)
                writer.field("errorCount", history.errorCount)
                writer.field("errorsSinceLastSuccess", history.errorsSinceLastSuccess)
                writer.field("lastSuccess", ChronosTime.format(history.lastSuccess))
                writer.field("lastError", ChronosTime.format(history.lastError))
            }
            for member in otherFields.members {
                writer.key(member.key)
                member.value.encodeMesosJSON(to: &writer)
            }
        }
    }
}
