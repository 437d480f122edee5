/// Every change to the tree of apps and groups is told on the event stream as Marathon's group
/// manager tells it, whatever the request: `group_change_success` once the change is taken (on
/// disk, its deployment started), `group_change_failed` with the reason when it is refused. Both
/// name the group the change was made in: the parent of the app or group changed (the root for
/// a top-level one). How a deployment ends is its plan's `deployment_success` or
/// `deployment_failed`.
extension ServicesFramework {
    func announcingChange<Result>(
        within group: GroupID, _ change: () async throws(ServicesError) -> (result: Result, version: String)
    ) async throws(ServicesError) -> Result {
        do {
            let (result, version) = try await change()
            announce(.groupChangeSuccess(group, version: version))
            return result
        } catch {
            announce(.groupChangeFailed(group, version: clock.now.wall.iso8601, reason: error.description))
            throw error
        }
    }

    /// The group an app's change is made in: its parent (the root for an ID that does not parse).
    static func group(ofApp id: String) -> GroupID {
        (try? AppID(parsing: id))?.group ?? .root
    }
}
