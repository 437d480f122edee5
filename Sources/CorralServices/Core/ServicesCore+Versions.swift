/// One version of an app: its definition as it was when that version was current (a scale is a
/// version of its own, as in Marathon).
public struct AppVersion: Hashable, Sendable {
    public var version: String
    public var definition: AppDefinition

    public init(version: String, definition: AppDefinition) {
        self.version = version
        self.definition = definition
    }
}

extension ServicesCore {
    /// How many versions of each app are kept, as Marathon's `--max_versions` (its default):
    /// enough to look back and roll back, while a store of an app changed every minute stays
    /// small.
    public static let maximumVersions = 50

    /// The app's versions, newest first (Marathon's order); nil for an unknown app.
    public func versions(of id: AppID) -> [AppVersion]? {
        apps[id].map { $0.history.reversed() }
    }

    /// Every app's kept versions, for the store.
    public var storedVersions: [AppID: [AppVersion]] {
        apps.mapValues(\.history)
    }

    /// Takes back the versions the store kept for an app loaded with `load`, oldest first; the
    /// app's current version stays the newest whatever the store held.
    public mutating func restoreVersions(_ versions: [AppVersion], of id: AppID) {
        guard var app = apps[id] else { return }
        let current = app.history
        app.history = versions.filter { $0.version != app.version } + current
        app.history = Array(app.history.suffix(Self.maximumVersions))
        apps[id] = app
    }

    /// Writes the app's definition down under its current version: a new entry for a new
    /// version, the same one rewritten when the version stays (a change that changed nothing). The oldest go beyond `maximumVersions`.
    mutating func recordVersion(of id: AppID) {
        guard var app = apps[id] else { return }
        let entry = AppVersion(version: app.version, definition: app.definition)
        if let last = app.history.last, last.version == app.version {
            app.history[app.history.count - 1] = entry
        } else {
            app.history.append(entry)
        }
        if app.history.count > Self.maximumVersions { app.history.removeFirst(app.history.count - Self.maximumVersions) }
        apps[id] = app
    }
}
