import ConsoleCore
import CorralModel
import CorralSDK
import CorralTesting
import Synchronization
import Testing

@testable import CorralConsole

/// What the console's keys ask for reaches the right hands: launches the console's framework,
/// follow and refresh wishes the feed, Services' and Jobs' keys their links.
@Suite(.timeLimit(.minutes(1))) struct EffectPerformerTests {
    typealias Session = ConsoleSession<FakeCluster>

    let notices = LineLog()
    let controls = Session.Controls(refreshInterval: 1)
    let master = ScriptedMaster(frameworkID: "console-framework")
    /// What the performer was asked to explain.
    let asked = Asked()

    final class Asked: Sendable {
        let subjects = Mutex<[WhySubject]>([])
        func append(_ subject: WhySubject) { subjects.withLock { $0.append(subject) } }
        var all: [WhySubject] { subjects.withLock { $0 } }
    }

    func performer(_ frameworks: ConsoleFrameworks = .none) -> (Session.EffectPerformer, ConsoleFramework) {
        let notify = notices.notices
        let framework = ConsoleFramework(notices: notify)
        let driver = SchedulerDriver(scheduler: framework, framework: FrameworkInfo(name: "console"), transport: master)
        return (Session.EffectPerformer(framework: framework, driver: driver, frameworks: frameworks, controls: controls, notices: notify,
            explain: { [asked] subject in asked.append(subject) }, tour: { _ in }), framework)
    }

    @Test func explainingAsksTheClusterForTheSubject() async {
        let (performer, _) = performer()
        await performer.carryOut(.explain(.framework("f1")))
        await performer.carryOut(.explain(.offer("o1")))
        #expect(asked.all == [.framework("f1"), .offer("o1")])
    }

    @Test func followingATaskTellsTheFeedWhichSandboxToReadAndNoneStopsIt() async {
        let (performer, _) = performer()
        let key = TaskKey(FrameworkID("f"), TaskID("t"))
        await performer.carryOut(.followSandbox(key, agentID: AgentID("agent-1")))
        #expect(controls.followed?.key == key)
        #expect(controls.followed?.agentID == AgentID("agent-1"))
        await performer.carryOut(.followSandbox(nil, agentID: nil))
        #expect(controls.followed == nil)
    }

    @Test func aNewRefreshRateReachesTheFeeds() async {
        let (performer, _) = performer()
        await performer.carryOut(.setRefreshInterval(0.25))
        #expect(controls.refreshInterval == 0.25)
    }

    @Test func aLaunchIsQueuedOnTheConsolesFramework() async {
        let (performer, framework) = performer()
        await performer.carryOut(.launch(LaunchSpec(name: "web", command: "serve", cpus: 0.5, mem: 64, instances: 3)))
        #expect(await framework.queued == 3)
    }

    @Test func servicesAndJobsKeysGoToTheirLinks() async {
        let services = RecordingServices()
        let jobs = RecordingJobs()
        let (performer, _) = performer(ConsoleFrameworks(services: services, jobs: jobs))
        await performer.carryOut(.scaleApp(id: "/web", instances: 4))
        await performer.carryOut(.runJob(name: "nightly"))
        #expect(services.asked == ["scale /web to 4"])
        #expect(jobs.asked == ["run nightly"])
        #expect(notices.lines == ["Running nightly now"])
    }
}
