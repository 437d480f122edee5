import Testing

@testable import CorralServices

@Suite struct UpgradeStrategyTests {
    /// Plays a rolling update to its end, with every started instance becoming healthy in the
    /// next step; checks the strategy's bounds at every step.
    func rollOut(instances: Int, strategy: UpgradeStrategy) -> Int {
        var old = instances, new = 0, steps = 0
        let minimumHealthy = Int((Double(instances) * strategy.minimumHealthCapacity).rounded(.up))
        let maximumRunning = instances + Int((Double(instances) * strategy.maximumOverCapacity).rounded(.down))
        while old > 0 || new < instances {
            let step = strategy.nextStep(instances: instances, oldRunning: old, oldHealthy: old, newRunning: new, newHealthy: new)
            #expect(step.start > 0 || step.kill > 0, "stuck at old \(old), new \(new)")
            if step.start == 0 && step.kill == 0 { return -1 }
            old -= step.kill
            #expect(old + new >= minimumHealthy, "fell below minimum health at old \(old), new \(new)")
            new += step.start  // healthy by the next step
            #expect(old + new <= maximumRunning, "went over capacity at old \(old), new \(new)")
            steps += 1
        }
        return steps
    }

    @Test func fullHealthWithRoomToSpareStartsAllThenKills() {
        #expect(rollOut(instances: 4, strategy: UpgradeStrategy(minimumHealthCapacity: 1, maximumOverCapacity: 1)) == 2)
    }

    @Test func halfHealthNoOverCapacityReplacesInHalves() {
        // Kill two old and start two new; then the other two of each.
        #expect(rollOut(instances: 4, strategy: UpgradeStrategy(minimumHealthCapacity: 0.5, maximumOverCapacity: 0)) == 2)
    }

    @Test func fullHealthWithALittleOverCapacityRollsOneByOne() {
        // One spare slot: start one, then swap one old for one new at a time.
        #expect(rollOut(instances: 4, strategy: UpgradeStrategy(minimumHealthCapacity: 1, maximumOverCapacity: 0.25)) == 5)
    }

    @Test func impossibleStrategyIsRefused() {
        #expect(UpgradeStrategy(minimumHealthCapacity: 1, maximumOverCapacity: 0).problems.count == 1)
        #expect(UpgradeStrategy(minimumHealthCapacity: 1.5, maximumOverCapacity: 0.5).problems == ["upgradeStrategy.minimumHealthCapacity must be between 0 and 1, got 1.5"])
    }
}
