@testable import ConsoleCore
import CorralJobs
import CorralMesosJSON
import CorralModel
import CorralSDK
import CorralServices
import Foundation
import PropertyBased
import Testing

extension FuzzTests {
    /// The frameworks' inputs and the console's theme and tour files, mutated and generated: what
    /// a Marathon or Chronos client, an agent's resources or a theme or tour file can say.
    /// Nothing may trap.
    @Suite struct Frameworks {
        static let offer = Offer(
            id: "o1", frameworkID: "services", agentID: "S1", hostname: "h1", role: "*",
            resources: Corpus.resources("cpus:8;mem:16384;disk:1000;ports:[1-18446744073709551615]").allocated(to: "*"),
            attributes: [Attribute(name: "rack", value: .text("r1"))])

        @Test func marathonApps() {
            var core = ServicesCore()
            var now = ClusterInstant(seconds: 1_000_000)
            var number = 0
            Fuzz.run("marathon apps", inputs: Gen.oneOf(Mutation.of(Corpus.marathonApps).eraseToAnySequence(), Generated.marathonApp.eraseToAnySequence())) { text in
                guard let definition = try? JSONDecoder().decode(AppDefinition.self, from: Data(text.utf8)) else { return }
                number += 1
                now = now + .seconds(1)
                guard (try? core.put(definition, deploymentID: "d\(number)", now: now)) != nil else { return }
                for action in core.offers([Self.offer], now: now) {
                    guard case .launch(_, let tasks) = action else { continue }
                    for task in tasks {
                        _ = core.update(TaskStatus(taskID: task.taskID, state: .running, agentID: task.agentID, healthy: false), now: now)
                        _ = core.update(TaskStatus(taskID: task.taskID, state: .failed, agentID: task.agentID), now: now + .seconds(1))
                    }
                }
                _ = core.step(now: now + .seconds(2))
                _ = core.snapshots(now: now + .seconds(2)).map { $0.status }
                if number % 50 == 0 { core = ServicesCore() }
            }
        }

        /// Group bodies at the root, at `/shop` and at `/base`, as POST and as PUT; every change
        /// taken is planned in steps, carried out, offered to, read back as a tree and as
        /// versions, rolled back to its oldest version and deleted.
        @Test func marathonGroups() {
            var core = ServicesCore()
            var now = ClusterInstant(seconds: 1_000_000)
            var number = 0
            let bases: [GroupID] = [.root, (try? GroupID(parsing: "/shop")) ?? .root, (try? GroupID(parsing: "/base")) ?? .root]
            Fuzz.run("marathon groups", inputs: Mutation.of(Corpus.marathonGroups)) { text in
                guard let update = try? JSONDecoder().decode(GroupUpdate.self, from: Data(text.utf8)) else { return }
                number += 1
                now = now + .seconds(1)
                let base = bases[number % bases.count]
                guard let plan = try? core.planGroupChange(update, at: base, creating: number % 2 == 0) else { return }
                _ = core.deploymentSteps(of: plan)
                _ = core.apply(plan, deploymentID: "d\(number)", now: now)
                for action in core.offers([Self.offer], now: now) {
                    guard case .launch(_, let tasks) = action else { continue }
                    for task in tasks { _ = core.update(TaskStatus(taskID: task.taskID, state: .running, agentID: task.agentID), now: now) }
                }
                _ = core.groupSnapshot(of: .root, now: now)
                let versions = core.groupVersions(of: plan.target) ?? []
                if number % 5 == 0, let oldest = versions.last, let rollback = try? core.planGroupRollback(plan.target, to: oldest) {
                    _ = core.apply(rollback, deploymentID: "r\(number)", now: now)
                }
                if number % 7 == 0, let deletion = try? core.planGroupDeletion(plan.target) { _ = core.apply(deletion, deploymentID: "x\(number)", now: now) }
                if number % 50 == 0 { core = ServicesCore() }
            }
        }

        @Test func chronosJobs() {
            var core = JobsCore()
            var now = ClusterInstant(seconds: 1_764_064_800)
            Fuzz.run("chronos jobs", inputs: Mutation.of(Corpus.chronosJobs)) { text in
                guard let job = try? JobDefinition(chronosJSON: Array(text.utf8)) else { return }
                now = now + .seconds(1)
                guard (try? core.put(job, now: now)) != nil else { return }
                core.tick(now: now + .seconds(3600))
                _ = core.offers([Self.offer], now: now + .seconds(3600))
                _ = core.summaries(now: now + .seconds(3600))
                _ = core.nextRun(of: job.name, now: now)
                if core.summaries(now: now).count > 50 { core = JobsCore() }
            }
        }

        @Test func iso8601Schedules() {
            let now = Date(timeIntervalSince1970: 1_764_064_800)
            Fuzz.run("iso 8601", inputs: Gen.oneOf(Mutation.of(Corpus.schedules).eraseToAnySequence(), Generated.schedule.eraseToAnySequence())) { text in
                _ = try? ISODuration(parsing: text)
                guard let schedule = try? RepeatingSchedule(parsing: text, timeZone: "Europe/Berlin", now: now) else { return }
                _ = schedule.description
                _ = schedule.nextRun(after: now, runsSoFar: 3)
                _ = schedule.runs(from: now, to: now.addingTimeInterval(86_400), limit: 20)
            }
        }

        @Test func placementConstraints() {
            let sites = [
                PlacementSite(agentID: "S1", hostname: "h1", attributes: [Attribute(name: "rack", value: .text(String(repeating: "a", count: 200)))]),
                PlacementSite(agentID: "S2", hostname: String(repeating: "b", count: 255), attributes: []),
            ]
            Fuzz.run("constraints", inputs: Generated.constraint, describe: { "\($0)" }) { parts in
                guard let constraint = try? PlacementConstraint(marathon: parts) else { return }
                for site in sites { _ = Placement.check([constraint], site: site, running: sites) }
            }
        }

        @Test func resourceStrings() {
            Fuzz.run("resource strings", inputs: Gen.oneOf(Mutation.of(Corpus.resourceStrings).eraseToAnySequence(), Generated.resources.eraseToAnySequence())) { text in
                guard let resources = try? Resources(parsing: text) else { return }
                var total = resources
                total += resources
                _ = total.contains(resources)
                _ = try? total.subtract(resources)
                _ = resources.description
                _ = resources.allocated(to: "web").unallocated()
                _ = resources.ports.count
                _ = resources.ports.first(3, within: 1...65535)
                _ = MesosJSON.encodeString(resources)
            }
        }

        @Test func themeFiles() throws {
            let samples = try Corpus.themeFiles()
            Fuzz.run("theme files", inputs: Mutation.of(samples)) { text in
                guard case .success(let theme) = ThemeLoader.parse(text, id: "fuzz", fileName: "fuzz.yaml", source: .builtIn) else { return }
                for support in [ColorSupport.none, .eight, .full256] { _ = ResolvedTheme(theme, support: support) }
            }
        }

        @Test func tourFiles() throws {
            let samples = try Corpus.tourFiles()
            Fuzz.run("tour files", inputs: Mutation.of(samples)) { text in
                guard let tour = try? TourParser.parse(text) else { return }
                var model = ConsoleModel(now: Time(seconds: 0), themeNames: ["default"])
                _ = model.start(tour)
                // The caption alone (a whole frame per input would cost CI minutes).
                guard let state = model.tour else { return }
                var canvas = Canvas(width: 80, height: 24, theme: ResolvedTheme(.builtIn, support: .none), glyphs: .ascii)
                TourCaptionView.draw(state, on: &canvas, body: Rect(x: 0, y: 3, width: 80, height: 20), focused: nil)
            }
        }
    }
}

/// Structures built from parts, where mutation of a few samples would rarely reach.
enum Generated {
    static let hostileNumber = Gen.element(of: Mutation.numbers)
    static let word = Gen.element(of: Mutation.strings + ["cpus", "mem", "disk", "ports", "gpus", "rack", "*", "web"])

    static let marathonApp: Generator<String, some SendableSequenceType> = zip(
        Gen.element(of: ["instances", "cpus", "mem", "disk", "backoffSeconds", "backoffFactor", "maxLaunchDelaySeconds", "taskKillGracePeriodSeconds"]).array(of: 1...4),
        hostileNumber.array(of: 4),
        Gen.element(of: ["TCP", "HTTP", "COMMAND", "MESOS_HTTP", "UDP"]),
        hostileNumber.array(of: 4)
    ).map { fields, values, kind, checkValues in
        var pairs = zip(fields, values).map { #""\#($0 ?? "cpus")": \#($1 ?? "1")"# }
        let check = #"{"protocol": "\#(kind ?? "TCP")", "port": \#(checkValues[0] ?? "1"), "portIndex": \#(checkValues[1] ?? "0"), "timeoutSeconds": \#(checkValues[2] ?? "1"), "intervalSeconds": \#(checkValues[3] ?? "1"), "command": {"value": "true"}}"#
        pairs.append(#""healthChecks": [\#(check)]"#)
        pairs.append(#""portDefinitions": [{"port": \#(checkValues[0] ?? "0")}]"#)
        return #"{"id": "/gen", "cmd": "sleep 1", \#(pairs.joined(separator: ", "))}"#
    }

    static let schedule: Generator<String, some SendableSequenceType> = zip(
        Gen.element(of: ["R", "R0", "R1", "R-1", "R99999999999999999999", ""]),
        Gen.element(of: ["2020-01-01T00:00:00Z", "", "2026-13-40T25:61:61Z", "0001-01-01T00:00:00.000Z", "9999-12-31T23:59:59+14:00", "2025-11-25T10:00:00.5-05:30"]),
        Gen.element(of: ["P", "PT", "P1D", "PT0S", "PT0.000001S", "P1Y2M3W4DT5H6M7.5S", "P99999999999999999Y", "PT1e300S", "P-1D", "PT.5S", "P1DT"])
    ).map { repeats, start, period in "\(repeats ?? "R")/\(start ?? "")/\(period ?? "P1D")" }

    static let constraint = Gen.element(of: [
        "hostname", "rack", "UNIQUE", "CLUSTER", "GROUP_BY", "LIKE", "UNLIKE", "MAX_PER", "IS", "-1", "0", "99999999999999999999",
        "(a+)+$", "((a*)*)*b", "[", ".*", "a{1000000}", "\\", String(repeating: "a", count: 300),
    ]).map { $0 ?? "" }.array(of: 0...4)

    static let resources: Generator<String, some SendableSequenceType> = zip(
        word.array(of: 1...4), hostileNumber.array(of: 4), Gen.element(of: [":", ":[", "(", ";", ":{"]).array(of: 4)
    ).map { names, values, separators in
        (0..<names.count).map { index in
            let separator = separators[index] ?? ":"
            let value = values[index] ?? "1"
            switch separator {
            case ":[": return "\(names[index] ?? "ports"):[\(value)-\(values[(index + 1) % 4] ?? "2")]"
            case ":{": return "\(names[index] ?? "zones"):{\(value),b}"
            case "(": return "\(names[index] ?? "cpus")(\(value)):\(value)"
            default: return "\(names[index] ?? "cpus")\(separator)\(value)"
            }
        }.joined(separator: ";")
    }
}
