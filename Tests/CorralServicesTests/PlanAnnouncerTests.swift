import CorralModel
import Testing

@testable import CorralServices

/// The event stream tells plans, not apps, as Marathon does: a group change of two apps is one
/// `deployment_info`, a `deployment_step_success` per step in order, and one end.
@Suite struct PlanAnnouncerTests {
    let db = try! AppID(parsing: "/shop/db")
    let web = try! AppID(parsing: "/shop/web")

    func part(_ app: AppID, _ action: Deployment.Action = .start) -> DeploymentPlanView.Part {
        DeploymentPlanView.Part(Deployment(id: "plan-1", appID: app, version: "v2", action: action, startedAt: Time(seconds: 1), previous: nil), target: nil)
    }

    /// What each event is, by its case's name and the step it is about.
    func names(_ kinds: [ServicesEvent.Kind]) -> [String] {
        kinds.map { kind in
            switch kind {
            case .deploymentStepSuccess(let view): "step \(view.currentStep)"
            case .deploymentSuccess: "success"
            case .deploymentFailed: "failed"
            default: "other"
            }
        }
    }

    @Test func aGroupPlanIsAnnouncedOnceAndItsStepsSucceedInOrder() {
        var plans = PlanAnnouncer()
        let steps = [[PlannedAction(.start, db), PlannedAction(.start, web)], [PlannedAction(.scale, db)], [PlannedAction(.scale, web)]]
        let info = plans.start("plan-1", parts: [part(web), part(db)], steps: steps)
        #expect(info?.parts.map(\.deployment.appID) == [db, web])
        #expect(info?.currentStep == 0 && info?.steps == steps)
        // A part seen again (the framework's next look) joins quietly.
        #expect(plans.start("plan-1", parts: [part(db)], steps: steps) == nil)

        // The starts bring the apps in with no instances: done at once, as Marathon's.
        #expect(names(plans.progress(deploying: ["plan-1": [db, web]])) == ["step 0"])
        #expect(names(plans.progress(deploying: ["plan-1": [db, web]])).isEmpty)
        // The database is up: its scale is done; the web's is not.
        #expect(names(plans.progress(deploying: ["plan-1": [web]])) == ["step 1"])
        #expect(names(plans.progress(deploying: [:])) == ["step 2", "success"])
        #expect(plans.announced.isEmpty)
    }

    @Test func aPlanWithAnAppThatEndedShortFailsWithNoFurtherStep() {
        var plans = PlanAnnouncer()
        _ = plans.start("plan-1", parts: [part(db), part(web)], steps: [[PlannedAction(.scale, db)], [PlannedAction(.scale, web)]])
        #expect(names(plans.progress(deploying: ["plan-1": [web]])) == ["step 0"])
        plans.fail("plan-1")
        #expect(names(plans.progress(deploying: ["plan-1": [web]])).isEmpty)
        #expect(names(plans.progress(deploying: [:])) == ["failed"])
    }

    @Test func oneAppsChangeIsAPlanOfOneStep() {
        var plans = PlanAnnouncer()
        let info = plans.start("plan-1", parts: [part(web, .stop)], steps: nil)
        #expect(info?.steps == [[PlannedAction(.stop, web)]])
        #expect(names(plans.progress(deploying: [:])) == ["step 0", "success"])
        // Nothing announced twice, and a plan with no parts is not announced.
        #expect(plans.progress(deploying: [:]).isEmpty)
        #expect(plans.start("plan-2", parts: [], steps: nil) == nil)
    }
}
