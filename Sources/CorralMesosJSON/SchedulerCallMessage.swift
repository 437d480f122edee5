import CorralModel

/// A scheduler call as it travels to `POST /api/v1/scheduler`: Mesos's `scheduler::Call`, with
/// the framework ID beside the body and SUBSCRIBE, which `SchedulerCall` leaves out because
/// only a subscribed framework makes the other calls.
///
/// The master reads these; Corral's SDK, talking to a remote master, writes them.
public struct SchedulerCallMessage: Hashable, Sendable {
    public enum Body: Hashable, Sendable {
        case subscribe(frameworkInfo: FrameworkInfo, suppressedRoles: [String])
        case call(SchedulerCall)
    }

    /// Required by Mesos for every call but a first SUBSCRIBE; the master checks that, not the
    /// JSON layer.
    public var frameworkID: FrameworkID?
    public var body: Body

    public init(frameworkID: FrameworkID?, body: Body) {
        self.frameworkID = frameworkID
        self.body = body
    }

    /// A call of a subscribed framework.
    public init(frameworkID: FrameworkID, call: SchedulerCall) {
        self.init(frameworkID: frameworkID, body: .call(call))
    }

    /// SUBSCRIBE; a framework that re-subscribes carries its ID in `frameworkInfo.id`, and Mesos
    /// wants it in `framework_id` too.
    public static func subscribe(_ frameworkInfo: FrameworkInfo, suppressedRoles: [String] = []) -> SchedulerCallMessage {
        SchedulerCallMessage(
            frameworkID: frameworkInfo.id, body: .subscribe(frameworkInfo: frameworkInfo, suppressedRoles: suppressedRoles)
        )
    }

    /// `SUBSCRIBE`, `ACCEPT`, …: the call's `type` on the wire.
    public var typeName: String {
        switch body {
        case .subscribe: "SUBSCRIBE"
        case .call(let call): call.typeName
        }
    }
}
