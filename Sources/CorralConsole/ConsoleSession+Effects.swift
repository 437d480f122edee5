import ConsoleCore
import CorralSDK

extension ConsoleSession {
    /// What carries out the effects the terminal side asks for: launches and kills through the
    /// console's framework, Services' and Jobs' keys through their links, and the follow and
    /// refresh wishes through the controls the feeds read.
    struct EffectPerformer: Sendable {
        let framework: ConsoleFramework
        let driver: SchedulerDriver
        let frameworks: ConsoleFrameworks
        let controls: Controls
        let notices: @Sendable (String, Bool) -> Void
        /// Asks the cluster why (`w`) and hands the answer to the terminal side.
        let explain: @Sendable (WhySubject) async -> Void
        /// Carries out a tour step's actions (nothing without a tour).
        let tour: @Sendable ([TourAction]) async -> Void

        func carryOut(_ effect: ConsoleEffect) async {
            switch effect {
            case .launch(let spec):
                await framework.launch(spec, driver: driver)
            case .kill(let key, let agentID):
                await framework.kill(key, agentID: agentID, driver: driver)
            case .followSandbox(let key, let agentID):
                controls.followed = key.flatMap { key in agentID.map { (key, $0) } }
            case .setRefreshInterval(let seconds):
                controls.refreshInterval = seconds
            case .scaleApp, .createApp, .runJob:
                await frameworks.perform(effect, notices: notices)
            case .explain(let subject):
                await explain(subject)
            case .tour(let actions):
                await tour(actions)
            case .quit, .saveScreen, .replay:
                break  // the terminal loop ends itself, saves its own screen, and replays its history
            }
        }
    }
}
