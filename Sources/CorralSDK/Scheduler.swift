import CorralModel

/// A framework's scheduler: what it does when the master speaks. Implement it as an actor (or
/// any Sendable type); the driver calls one method at a time, in the order events arrive, and
/// the scheduler answers through the driver it is handed.
///
/// Every method but `offers` and `update` has a default that does nothing (declining is not
/// needed: offers not acted on are rescinded after the master's offer timeout, and
/// `SchedulerDriver.declineUnused` makes that explicit).
public protocol Scheduler: Sendable {
    func subscribed(_ driver: SchedulerDriver, frameworkID: FrameworkID, masterInfo: MasterInfo?) async
    func offers(_ driver: SchedulerDriver, _ offers: [Offer]) async
    func rescinded(_ driver: SchedulerDriver, offerID: OfferID) async
    /// A task's status changed. With implicit acknowledgements (the default) the driver
    /// acknowledges it after this returns.
    func update(_ driver: SchedulerDriver, _ status: TaskStatus) async
    func message(_ driver: SchedulerDriver, agentID: AgentID, executorID: ExecutorID, data: [UInt8]) async
    func failure(_ driver: SchedulerDriver, agentID: AgentID?, executorID: ExecutorID?, status: Int32?) async
    /// The master refused the framework (an ERROR event); the driver stops after this.
    func error(_ driver: SchedulerDriver, message: String) async
    /// The connection to the master was lost; the driver re-subscribes if its transport can.
    func disconnected(_ driver: SchedulerDriver) async
    /// Tasks the framework had before this process started, which the driver cannot know of
    /// (read back from the framework's own store). After every subscription the driver asks
    /// the master about them, with the tasks it launched itself; the answers arrive as updates.
    func knownTasks(_ driver: SchedulerDriver) async -> [ReconcileTask]
}

extension Scheduler {
    public func subscribed(_ driver: SchedulerDriver, frameworkID: FrameworkID, masterInfo: MasterInfo?) async {}
    public func rescinded(_ driver: SchedulerDriver, offerID: OfferID) async {}
    public func message(_ driver: SchedulerDriver, agentID: AgentID, executorID: ExecutorID, data: [UInt8]) async {}
    public func failure(_ driver: SchedulerDriver, agentID: AgentID?, executorID: ExecutorID?, status: Int32?) async {}
    public func error(_ driver: SchedulerDriver, message: String) async {}
    public func disconnected(_ driver: SchedulerDriver) async {}
    public func knownTasks(_ driver: SchedulerDriver) async -> [ReconcileTask] { [] }
}
