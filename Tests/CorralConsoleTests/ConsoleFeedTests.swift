import ConsoleCore
import CorralModel
import CorralTesting
import Synchronization
import Testing

@testable import CorralConsole

/// The console's feed: every refresh a snapshot with the events since the last one, the tail of
/// a followed sandbox, and a master that goes away retried with one notice each way.
@Suite(.timeLimit(.minutes(1))) struct ConsoleFeedTests {
    typealias Session = ConsoleSession<FakeCluster>

    /// Runs the feed until the test ends it; gathers what it posted.
    final class Feed: Sendable {
        let inbox = ConsoleInbox()
        let controls = Session.Controls(refreshInterval: 0.01)
        let posted = Mutex<[ConsoleMessage]>([])
        let running: Task<Void, Never>

        init(_ cluster: FakeCluster) {
            running = Task { [inbox, controls] in await Session.feed(cluster, inbox: inbox, controls: controls) }
        }

        /// Everything posted so far, oldest first.
        var messages: [ConsoleMessage] {
            let new = inbox.drain()
            return posted.withLock { posted in
                posted += new
                return posted
            }
        }

        var notices: [String] {
            messages.compactMap { if case .notice(let text, _) = $0 { text } else { nil } }
        }

        var events: [ClusterEvent] {
            messages.flatMap { message -> [ClusterEvent] in if case .cluster(_, let events) = message { events } else { [] } }
        }

        func stop() async {
            running.cancel()
            #expect(await running.value(within: .seconds(30)) != nil, "it ended")
        }
    }

    @Test func postsSnapshotsOfTheCluster() async {
        let cluster = FakeCluster(agents: ["node-7", "node-8"])
        let feed = Feed(cluster)
        #expect(await eventually {
            feed.messages.contains { if case .cluster(let snapshot, _) = $0 { snapshot.agents.map(\.info.hostname) == ["node-7", "node-8"] } else { false } }
        })
        await feed.stop()
    }

    @Test func passesOnTheEventsSinceTheLastSnapshotButNotUsageSamples() async {
        let cluster = FakeCluster()
        let feed = Feed(cluster)
        #expect(await eventually { cluster.subscriptions == 1 && !feed.messages.isEmpty })
        let added = FakeCluster.agent("node-9", index: 9)
        cluster.emit(.usageSampled(AgentUsage(agentID: added.id, total: ResourceUsage(cpusUsed: 0.5, memoryBytes: 1 << 20), tasks: [:])))
        cluster.emit(.agentAdded(added))
        #expect(await eventually { !feed.events.isEmpty })
        #expect(feed.events == [.agentAdded(added)])
        await feed.stop()
    }

    @Test func postsTheTailOfTheFollowedSandbox() async {
        let cluster = FakeCluster()
        let key = TaskKey(FrameworkID("console-framework"), TaskID("echo-1"))
        cluster.sandbox.put(key, stdout: "hello\n", stderr: "warning\n")
        let feed = Feed(cluster)
        feed.controls.followed = (key, AgentID("agent-0"))
        #expect(await eventually {
            feed.messages.contains { if case .sandbox(key, "hello\n", "warning\n") = $0 { true } else { false } }
        })
        await feed.stop()
    }

    @Test func aMasterThatGoesAwayIsRetriedWithOneNoticeEachWay() async {
        let cluster = FakeCluster()
        let feed = Feed(cluster)
        #expect(await eventually { cluster.subscriptions == 1 && !feed.messages.isEmpty })
        cluster.goAway()
        // It tries again a second later; the notice is said once however many tries fail.
        #expect(await eventually { cluster.subscriptions >= 2 })
        #expect(feed.notices == ["Lost the cluster (connection refused); retrying"])
        cluster.comeBack()
        #expect(await eventually { feed.notices.count == 2 })
        #expect(feed.notices.last == "Connected to the cluster again")
        await feed.stop()
    }
}
