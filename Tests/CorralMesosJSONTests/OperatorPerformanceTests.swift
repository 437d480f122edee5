import Testing
@testable import CorralMesosJSON
@testable import CorralModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The HTTP issue's benchmark: GET_STATE and `/master/state` of 10,000 agents and 100,000
/// tasks, each under 300 ms in a release build. Timings depend on the machine, so they are
/// printed, not asserted; the test runs only with `CORRAL_BENCH=1` (it takes seconds in a debug
/// build):
///
///     CORRAL_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter OperatorPerformanceTests
@Suite(.enabled(if: getenv("CORRAL_BENCH") != nil, "set CORRAL_BENCH=1 to time the encoders"))
struct OperatorPerformanceTests {
    static let snapshot = OperatorFixtures.large(agents: 10_000, tasks: 100_000)

    @Test func encodeTimes() {
        let snapshot = Self.snapshot
        let master = MasterDescription(masterInfo: snapshot.masterInfo)
        func time(_ label: String, _ body: () -> [UInt8]) {
            var best = Double.infinity
            var size = 0
            for _ in 0..<5 {
                let start = Self.now()
                size = body().count
                best = min(best, Self.now() - start)
            }
            print("\(label): best of 5 \(Int(best * 1000)) ms, \(size / 1_000_000) MB")
        }
        time("GET_STATE") { OperatorJSON.response(to: .getState, snapshot: snapshot, master: master)! }
        time("SUBSCRIBED") { OperatorJSON.subscribed(snapshot, master: master, heartbeatIntervalSeconds: 15) }
        time("/master/state") { LegacyJSON.state(snapshot, master: master) }
        time("/master/slaves") { LegacyJSON.slaves(snapshot, master: master) }
        time("/master/tasks?limit=-1") { LegacyJSON.tasks(snapshot, query: LegacyTaskQuery(limit: nil)) }
        time("/master/tasks") { LegacyJSON.tasks(snapshot) }
        let state = OperatorJSON.response(to: .getState, snapshot: snapshot, master: master)!
        let start = Self.now()
        let decoded = try? ClusterSnapshot(operatorState: MesosJSON.parse(state), time: snapshot.time, masterInfo: snapshot.masterInfo)
        print("GET_STATE parse + decode: \(Int((Self.now() - start) * 1000)) ms, \(decoded?.tasks.count ?? -1) tasks")
    }

    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
