import CorralConsole
import CorralJobs
import CorralModel
import CorralSDKHTTP
import CorralServices

extension ConsoleFrameworks {
    /// Services and Jobs run in this process, beside the console.
    public static func embedded(_ services: ServicesFramework, _ jobs: JobsFramework) -> ConsoleFrameworks {
        ConsoleFrameworks(services: services, jobs: jobs, embedded: [("Services", services), ("Jobs", jobs)])
    }

    /// Services and Jobs elsewhere (or a Marathon and a Chronos), through their REST APIs,
    /// presenting `credential` when they ask for one.
    public static func remote(services: MasterAddress?, jobs: MasterAddress?, credential: Credential? = nil) -> ConsoleFrameworks {
        ConsoleFrameworks(services: services.map { RemoteServices($0, credential: credential) }, jobs: jobs.map { RemoteJobs($0, credential: credential) })
    }
}
