/// What a framework does with accepted offers.
public enum Operation: Hashable, Sendable {
    case launch([TaskInfo])
    case launchGroup(executor: ExecutorInfo, tasks: [TaskInfo])
    case reserve(Resources)
    case unreserve(Resources)
    case create(Resources)
    case destroy(Resources)

    public var typeName: String {
        switch self {
        case .launch: "LAUNCH"
        case .launchGroup: "LAUNCH_GROUP"
        case .reserve: "RESERVE"
        case .unreserve: "UNRESERVE"
        case .create: "CREATE"
        case .destroy: "DESTROY"
        }
    }

    /// The tasks a LAUNCH or LAUNCH_GROUP would start.
    public var launchedTasks: [TaskInfo] {
        switch self {
        case .launch(let tasks): tasks
        case .launchGroup(_, let tasks): tasks
        default: []
        }
    }
}
