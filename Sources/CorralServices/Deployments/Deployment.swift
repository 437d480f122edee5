import CorralModel

/// A change to an app being carried out: starting it, scaling it, replacing its instances with a
/// new version, or stopping it. It ends when the app's instances match what was asked (all of the
/// new version, all healthy); cancelling rolls the app back to the definition it had before.
public struct Deployment: Hashable, Sendable {
    public enum Action: String, Hashable, Sendable, Codable {
        case start = "StartApplication"
        case scale = "ScaleApplication"
        case restart = "RestartApplication"
        case stop = "StopApplication"
    }

    public var id: String
    public var appID: AppID
    /// The app version this deployment brings in.
    public var version: String
    public var action: Action
    public var startedAt: Time
    /// The definition before the change: what cancelling goes back to.
    public var previous: AppDefinition?

    public init(id: String, appID: AppID, version: String, action: Action, startedAt: Time, previous: AppDefinition?) {
        self.id = id
        self.appID = appID
        self.version = version
        self.action = action
        self.startedAt = startedAt
        self.previous = previous
    }
}
