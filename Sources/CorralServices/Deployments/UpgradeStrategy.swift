/// How a new version of an app replaces the old one (Marathon's `upgradeStrategy`): never fewer
/// than `minimumHealthCapacity` × instances healthy, never more than (1 +
/// `maximumOverCapacity`) × instances running.
public struct UpgradeStrategy: Hashable, Sendable {
    public var minimumHealthCapacity: Double
    public var maximumOverCapacity: Double

    public init(minimumHealthCapacity: Double = 1, maximumOverCapacity: Double = 1) {
        self.minimumHealthCapacity = minimumHealthCapacity
        self.maximumOverCapacity = maximumOverCapacity
    }

    /// Problems with the values, each naming the field and the value (empty when valid).
    public var problems: [String] {
        var problems: [String] = []
        if !(0...1).contains(minimumHealthCapacity) { problems.append("upgradeStrategy.minimumHealthCapacity must be between 0 and 1, got \(minimumHealthCapacity)") }
        if !(0...1).contains(maximumOverCapacity) { problems.append("upgradeStrategy.maximumOverCapacity must be between 0 and 1, got \(maximumOverCapacity)") }
        if minimumHealthCapacity == 1, maximumOverCapacity == 0 {
            problems.append("upgradeStrategy: with minimumHealthCapacity 1, maximumOverCapacity must be above 0, or no instance could ever be replaced")
        }
        return problems
    }

    /// What a rolling update does next, given where it stands: how many new instances to start
    /// and how many old ones to kill now. Starting is bounded by the over-capacity; killing by
    /// the health capacity (counting only healthy instances, old and new).
    public func nextStep(instances: Int, oldRunning: Int, oldHealthy: Int, newRunning: Int, newHealthy: Int) -> (start: Int, kill: Int) {
        let minimumHealthy = Int((Double(instances) * minimumHealthCapacity).rounded(.up))
        let maximumRunning = instances + Int((Double(instances) * maximumOverCapacity).rounded(.down))
        // Old instances go as soon as the healthy ones left would still be enough…
        let kill = max(0, min(oldRunning, oldHealthy + newHealthy - minimumHealthy))
        // …and new ones start in the room that leaves under the over-capacity.
        let start = max(0, min(instances - newRunning, maximumRunning - (oldRunning - kill) - newRunning))
        return (start, kill)
    }
}
