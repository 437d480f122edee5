import CorralModel
import Testing

@testable import CorralAgent

/// Mesos's health verdicts, fed results and times by hand: the task started at 100.
@Suite("Health tracker")
struct HealthTrackerTests {
    static let start = ClusterInstant(seconds: 100)
    let pass = HealthCheckResult.passed("ok")
    let fail = HealthCheckResult.failed("Connection refused")

    func tracker(grace: Double = 0, failures: Int = 3) -> HealthTracker {
        HealthTracker(check: HealthCheck(kind: .tcp, consecutiveFailures: failures, gracePeriodSeconds: grace, port: 1), startedAt: Self.start)
    }

    func at(_ seconds: Double) -> ClusterInstant { Self.start + .seconds(seconds) }

    @Test("Failures within the grace period are not counted while the task has never passed")
    func failuresDuringGraceAreIgnored() {
        var health = tracker(grace: 10, failures: 1)
        #expect(health.record(fail, at: at(1)) == nil)
        #expect(health.record(fail, at: at(9.9)) == nil)
        #expect(health.consecutiveFailures == 0)
        // Grace over, never healthy: one failure (the threshold) is the first verdict.
        #expect(health.record(fail, at: at(10)) == .init(healthy: false, message: "Connection refused"))
    }

    @Test("After the first success the grace period no longer shields failures")
    func graceEndsAtTheFirstSuccess() {
        var health = tracker(grace: 60, failures: 1)
        #expect(health.record(pass, at: at(1)) == .init(healthy: true, message: "ok"))
        #expect(health.record(fail, at: at(2)) == .init(healthy: false, message: "Connection refused"))
    }

    @Test("A healthy task turns unhealthy only at the consecutive failure threshold, and it is said once")
    func consecutiveFailures() {
        var health = tracker(failures: 3)
        #expect(health.record(pass, at: at(1)) == .init(healthy: true, message: "ok"))
        #expect(health.record(fail, at: at(2)) == nil)
        #expect(health.record(fail, at: at(3)) == nil)
        #expect(health.record(.failed("status 503"), at: at(4)) == .init(healthy: false, message: "status 503"))
        #expect(health.record(fail, at: at(5)) == nil)  // still unhealthy: nothing new
        #expect(health.consecutiveFailures == 4)
    }

    @Test("A success in between starts the count again")
    func successResetsTheCount() {
        var health = tracker(failures: 3)
        _ = health.record(pass, at: at(1))
        _ = health.record(fail, at: at(2))
        _ = health.record(fail, at: at(3))
        #expect(health.record(pass, at: at(4)) == nil)  // already healthy
        #expect(health.record(fail, at: at(5)) == nil)
        #expect(health.record(fail, at: at(6)) == nil)
        #expect(health.record(fail, at: at(7))?.healthy == false)
    }

    @Test("An unhealthy task is healthy again at its next success")
    func recovery() {
        var health = tracker(failures: 1)
        _ = health.record(pass, at: at(1))
        #expect(health.record(fail, at: at(2))?.healthy == false)
        #expect(health.record(.passed("status 200"), at: at(3)) == .init(healthy: true, message: "status 200"))
        #expect(health.healthy == true)
    }

    @Test("Only changes are reported: repeated successes say nothing after the first")
    func onlyChanges() {
        var health = tracker()
        let reports = (1...5).compactMap { health.record(pass, at: at(Double($0))) }
        #expect(reports == [.init(healthy: true, message: "ok")])
    }

    @Test("A threshold of 0 is taken as 1")
    func zeroThreshold() {
        var health = tracker(failures: 0)
        #expect(health.record(fail, at: at(1))?.healthy == false)
    }
}
