import CorralModel
import Foundation
import Testing

@testable import ConsoleCore

/// Guided tours: the file format, where the audience is, and what the console shows and asks
/// for at each step.
@Suite struct TourTests {
    static let shippedTour = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("tours/two-level-scheduling.tour").path

    static let small = """
        # two steps
        title Small
        agent cpus:9;mem:18432
        agent cpus:0.5;mem:256

        step First
        focus offers
        say One sentence,
        say and its end.
        do framework name=A task=cpus:1;mem:4096 count=3
        do framework name=B role=web task=cpus:3;mem:1024 count=2 suppressed=true

        step Second
        do weight role=web weight=2
        do app id=/tour/web cmd="touch alive; sleep 20" health="test -f alive" instances=2 cpus=0.1 mem=32
        do job name=report cmd="echo \\"done\\"" parents=tick,other
        do kill-agent agent=2
        """

    @Test func aTourFileReadsAsStepsWithCaptionsAndActions() throws {
        let tour = try TourParser.parse(Self.small)
        #expect(tour.title == "Small")
        #expect(tour.agents == [try Resources(parsing: "cpus:9;mem:18432"), try Resources(parsing: "cpus:0.5;mem:256")])
        #expect(tour.steps.map(\.title) == ["First", "Second"])
        #expect(tour.steps[0].caption == "One sentence, and its end.")
        #expect(tour.steps[0].focus == .offers)
        #expect(tour.steps[0].actions == [
            .framework(name: "A", role: "*", task: try Resources(parsing: "cpus:1;mem:4096"), count: 3, command: "sleep 3600", suppressed: false),
            .framework(name: "B", role: "web", task: try Resources(parsing: "cpus:3;mem:1024"), count: 2, command: "sleep 3600", suppressed: true),
        ])
        #expect(tour.steps[1].actions == [
            .weight(role: "web", weight: 2),
            .app(NewAppSpec(id: "/tour/web", command: "touch alive; sleep 20", cpus: 0.1, mem: 32, instances: 2, healthCommand: "test -f alive"), backoffSeconds: nil),
            .job(TourJob(name: "report", command: #"echo "done""#, parents: ["tick", "other"])),
            .killAgent(2),
        ])
    }

    @Test(arguments: [
        ("step A\ndo framework name=A task=cpus:1 count=0", "line 2: framework: count must be a whole number from 1 to 1000, got '0'"),
        ("step A\ndo framework name=A task=cpus:1 cont=3", "line 2: framework: unknown key cont"),
        ("step A\ndo weight role=web weight=inf", "line 2: weight: weight must be a number from 0.001 to 1000, got 'inf'"),
        ("step A\ndo launch name=A", "line 2: unknown verb 'launch' (expected framework, weight, decline, suppress, revive, teardown, app, job, kill-agent, replay)"),
        ("say too early", "line 1: 'say' before the first 'step'"),
        ("step A\nfocus nowhere", "line 2: no pane 'nowhere' (expected agents, frameworks, tasks, offers, services, jobs, events)"),
        ("step A\ndo app id=/a cmd=\"sleep 1", "line 2: a double quote is not closed"),
        ("step A\ndo framework name=A task=cpus:1 name=B", "line 2: framework: 'name' given twice"),
        ("agent cpus:one\nstep A", "line 1: agent: resources 'cpus:one'"),
        ("title Nothing", "line 1: a tour needs at least one 'step'"),
        ("hello", "line 1: unknown directive 'hello' (expected title, agent, step, focus, say, do)"),
    ])
    func aBadLineIsNamedWithWhatWasExpected(_ text: String, _ expected: String) {
        do {
            _ = try TourParser.parse(text)
            Issue.record("expected a problem for \(text)")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error)")
        }
    }

    @Test func theShippedTourReadsAndWalksThroughTheIdeasInOrder() throws {
        let text = try String(contentsOfFile: Self.shippedTour, encoding: .utf8)
        let tour = try TourParser.parse(text)
        #expect(tour.steps.count >= 10)
        #expect(tour.steps.allSatisfy { !$0.caption.isEmpty && $0.focus != nil })
        let actions = tour.steps.flatMap(\.actions)
        // DRF with the paper's tasks, weights, a filter, suppress and revive, apps, an agent
        // going away, jobs with a parent, and a replay.
        #expect(actions.contains(.framework(name: "A", role: "*", task: try Resources(parsing: "cpus:1;mem:4096"), count: 10, command: "sleep 3600", suppressed: false)))
        #expect(actions.contains(.framework(name: "B", role: "*", task: try Resources(parsing: "cpus:3;mem:1024"), count: 10, command: "sleep 3600", suppressed: false)))
        #expect(actions.contains(.weight(role: "web", weight: 2)))
        #expect(actions.contains { if case .decline = $0 { true } else { false } })
        #expect(actions.contains { if case .framework(_, _, _, _, _, true) = $0 { true } else { false } })
        #expect(actions.contains { if case .revive = $0 { true } else { false } })
        #expect(actions.contains { if case .app(let app, _) = $0 { app.healthCommand != nil } else { false } })
        #expect(actions.contains { if case .killAgent = $0 { true } else { false } })
        #expect(actions.contains { if case .job(let job) = $0 { !job.parents.isEmpty } else { false } })
        #expect(actions.contains { if case .replay = $0 { true } else { false } })
    }

    @Test func goingBackShowsAnEarlierCaptionWithoutRunningItsStepAgain() throws {
        var model = ClusterFixture.model()
        let tour = try TourParser.parse(Self.small)
        let started = model.start(tour)
        #expect(started == [.tour(tour.steps[0].actions)])
        #expect(model.focus == .offers)

        #expect(model.update(.key(.character(" "))) == [.tour(tour.steps[1].actions)])
        #expect(model.tour?.index == 1)
        #expect(model.update(.key(.left)).isEmpty)
        #expect(model.tour?.index == 0)
        #expect(model.tour?.isRevisit == true)
        #expect(model.update(.key(.right)).isEmpty)  // the second step ran already
        #expect(model.tour?.index == 1)
        #expect(model.update(.key(.right)).isEmpty)  // the last step: nothing after it
        #expect(model.notice?.text.contains("last step") == true)
        #expect(model.update(.key(.tab)).isEmpty)  // other keys work as always
        #expect(model.focus == .services)
    }

    @Test func theCaptionSaysWhichStepAndHowToGoOn() throws {
        var model = ClusterFixture.model()
        _ = model.start(try TourParser.parse(Self.small))
        let text = ConsoleView.render(model, theme: ResolvedTheme(.builtIn, support: .none), glyphs: .unicode, width: 160, height: 48).text
        #expect(text.contains("Small: step 1 of 2, First"))
        #expect(text.contains("One sentence, and its end."))
        #expect(text.contains("Space or → goes on · ← back"))
        let small = ConsoleView.render(model, theme: ResolvedTheme(.builtIn, support: .none), glyphs: .unicode, width: 80, height: 24).text
        #expect(small.contains("One sentence, and its end."))
    }
}
