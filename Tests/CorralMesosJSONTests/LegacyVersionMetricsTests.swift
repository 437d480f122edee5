import Testing
@testable import CorralMesosJSON
@testable import CorralModel

/// `/version` (which pymesos parses as dotted integers) and `/metrics/snapshot`.
@Suite struct LegacyVersionMetricsTests {
    @Test func versionShape() {
        #expect(
            LegacyJSON.version(OperatorFixtures.master).text == """
                {"version":"1.11.0","git_sha":"abc123","build_date":"2026-01-02 03:04:05","build_time":1767322245.0,"build_user":"corral"}
                """)
        #expect(
            LegacyJSON.version(MasterDescription(masterInfo: OperatorFixtures.masterInfo)).text
                == #"{"version":"1.11.0","build_date":"","build_time":0.0,"build_user":""}"#)
    }

    @Test func versionIsAlwaysDottedIntegers() throws {
        let cases = [
            "1.11.0": "1.11.0", "1.11.0-corral": "1.11.0", "2.0.0+dirty": "2.0.0", "1.2.": "1.2", "1..2": "1",
            "3": "3", "corral": "0.0.0", "": "0.0.0", "v1.2.3": "0.0.0", "1.11.0.4-rc1": "1.11.0.4",
        ]
        for (raw, numeric) in cases {
            #expect(VersionInfo(version: raw).numericVersion == numeric, "\(raw)")
            let json = LegacyJSON.version(MasterDescription(versionInfo: VersionInfo(version: raw)))
            let version = try MesosJSON.parse(json).object().required("version", as: String.self)
            #expect(version.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) })
        }
        #expect(try MesosJSON.decode(VersionInfo.self, from: #"{"version":"1.0.0","build_time":1466810317,"extra":1}"#)
            == VersionInfo(version: "1.0.0", buildTime: 1_466_810_317))
    }

    @Test func metricsHaveMesosNames() throws {
        let json = LegacyJSON.metricsSnapshot(OperatorFixtures.small, master: OperatorFixtures.master)
        let object = try MesosJSON.parse(json).object()
        let keys = object.members.map(\.key)
        #expect(keys == keys.sorted())
        let values = Dictionary(uniqueKeysWithValues: try object.members.map { ($0.key, try $0.value.double()) })
        let expected: [String: Double] = [
            "master/elected": 1, "master/uptime_secs": 100, "master/slaves_active": 1, "master/slaves_inactive": 0,
            "master/frameworks_active": 1, "master/tasks_running": 1, "master/tasks_staging": 0, "master/tasks_finished": 1,
            "master/tasks_failed": 0, "master/tasks_killed": 0, "master/tasks_lost": 0, "master/tasks_unreachable": 1,
            "master/cpus_total": 4, "master/cpus_used": 1.5, "master/cpus_percent": 0.375, "master/mem_total": 8192,
            "master/mem_used": 384, "master/disk_total": 0, "master/disk_used": 0, "master/outstanding_offers": 1,
            "master/gpus_total": 0, "master/frameworks_inactive": 0, "master/tasks_gone_by_operator": 0,
        ]
        for (name, value) in expected { #expect(values[name] == value, "\(name)") }
        #expect(json.text.hasPrefix(#"{"master/cpus_percent":0.375,"master/cpus_total":4.0,"#))
    }

    @Test func endedTasksCountSinceTheMasterStartedWhenTheSnapshotCarriesThem() throws {
        var snapshot = OperatorFixtures.small
        snapshot.tasksEnded = [.finished: 40, .killed: 2]
        // A task that ended and awaits its acknowledgement is in the counts already.
        var ended = try #require(snapshot.tasks.first)
        ended.state = .killed
        snapshot.tasks.append(ended)
        let values = Dictionary(uniqueKeysWithValues: MasterMetrics.values(of: snapshot, master: OperatorFixtures.master).map { ($0.name, $0.value) })
        #expect(values["master/tasks_finished"] == 40, "the bounded history (1 task) is not what counts")
        #expect(values["master/tasks_killed"] == 2)
        #expect(values["master/tasks_failed"] == 0)
        #expect(values["master/tasks_running"] == 1)
    }

    @Test func callerCountersOverrideAndExtend() throws {
        let json = LegacyJSON.metricsSnapshot(
            OperatorFixtures.small, master: OperatorFixtures.master,
            extra: ["master/tasks_finished": 42, "master/messages_received": 7])
        let object = try MesosJSON.parse(json).object()
        #expect(try object.required("master/tasks_finished", as: Double.self) == 42)
        #expect(try object.required("master/messages_received", as: Double.self) == 7)
    }
}
