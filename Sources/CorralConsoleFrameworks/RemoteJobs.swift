import ConsoleCore
import CorralChronosAPI
import CorralConsole
import CorralModel
import CorralSDKHTTP

/// Jobs (or a Chronos) over its REST API: the jobs with their counters. Chronos's listing has no
/// next run and no run history, so those stay empty.
public struct RemoteJobs: JobsLink {
    public let client: ChronosClient

    public init(_ address: MasterAddress, credential: Credential?) { client = ChronosClient(address: address, credential: credential) }

    public func rows() async throws -> [JobRow] { try await client.jobs().map(JobRow.init) }

    public func runNow(_ name: String) async throws { try await client.runNow(name) }
}

extension JobRow {
    init(_ job: ChronosClient.Job) {
        let success = job.lastSuccess.flatMap { Time(iso8601: $0) }
        let failure = job.lastError.flatMap { Time(iso8601: $0) }
        let result: ConsoleCore.JobResult =
            switch (success, failure) {
            case (nil, nil): .never
            case (.some, nil): .success
            case (nil, .some): .failure
            case (.some(let success), .some(let failure)): success >= failure ? .success : .failure
            }
        self.init(
            name: job.name, schedule: job.schedule ?? "after " + (job.parents ?? []).joined(separator: ", "),
            lastResult: result, successCount: job.successCount ?? 0, errorCount: job.errorCount ?? 0, disabled: job.disabled ?? false,
            parents: job.parents ?? [])
    }
}
