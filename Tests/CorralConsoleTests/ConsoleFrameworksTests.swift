import ConsoleCore
import CorralConsole
import CorralTesting
import Testing

/// Services and Jobs beside the console: their panes' rows each refresh, a framework that
/// cannot be read shown as not running with a notice saying why, keys carried out or refused.
@Suite struct ConsoleFrameworksTests {
    let notices = LineLog()

    @Test func thePanesGetTheRowsOfBothFrameworks() async {
        let services = RecordingServices()
        let jobs = RecordingJobs()
        services.set(rows: [ServiceRow(id: "/web", running: 2, wanted: 2, status: .running, cpus: 0.1, mem: 32)])
        jobs.set(rows: [JobRow(name: "nightly", schedule: "R/2025-01-01T02:00:00Z/P1D")])
        let messages = await ConsoleFrameworks(services: services, jobs: jobs).messages()
        guard messages.count == 1, case .frameworks(let serviceRows, let jobRows) = messages[0] else {
            Issue.record("expected the frameworks' rows only, got \(messages)")
            return
        }
        #expect(serviceRows?.map(\.id) == ["/web"])
        #expect(jobRows?.map(\.name) == ["nightly"])
    }

    @Test func aFrameworkThatCannotBeReadShowsAsNotRunningAndSaysWhy() async {
        let services = RecordingServices()
        services.goDown()
        let messages = await ConsoleFrameworks(services: services, jobs: RecordingJobs()).messages()
        guard messages.count == 2, case .frameworks(let serviceRows, let jobRows) = messages[0],
            case .notice(let text, let isError) = messages[1]
        else {
            Issue.record("expected rows and a notice, got \(messages)")
            return
        }
        #expect(serviceRows == nil)
        #expect(jobRows?.isEmpty == true)
        #expect(text == "Cannot read Services: connection refused")
        #expect(isError)
    }

    @Test func keysForAnAbsentFrameworkSayItIsNotRunning() async {
        await ConsoleFrameworks.none.perform(.scaleApp(id: "/web", instances: 2), notices: notices.notices)
        await ConsoleFrameworks.none.perform(.runJob(name: "nightly"), notices: notices.notices)
        #expect(notices.lines == [ConsoleModel.notRunning(.services), ConsoleModel.notRunning(.jobs)])
    }

    @Test func aRequestThatFailsSaysWhatCouldNotBeDone() async {
        let services = RecordingServices()
        services.goDown()
        await ConsoleFrameworks(services: services).perform(.scaleApp(id: "/web", instances: 2), notices: notices.notices)
        #expect(notices.lines == ["Could not scale /web: connection refused"])
    }

    @Test func creatingAnAppSaysWhatServicesAnswered() async {
        let services = RecordingServices()
        let spec = NewAppSpec(id: "/api", command: "serve", cpus: 0.5, mem: 128, instances: 1)
        await ConsoleFrameworks(services: services).perform(.createApp(spec), notices: notices.notices)
        #expect(services.asked == ["create /api"])
        #expect(notices.lines == ["Created /api"])
    }
}
