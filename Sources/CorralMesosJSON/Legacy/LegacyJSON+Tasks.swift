import CorralModel

/// `/master/tasks` (and `/tasks`): `{"tasks":[…]}`, a page of every task the master knows —
/// running, unreachable and ended — filtered and ordered as its query asks.
extension LegacyJSON {
    public static func tasks(_ snapshot: ClusterSnapshot, query: LegacyTaskQuery = LegacyTaskQuery()) -> [UInt8] {
        let page = query.page(of: snapshot)
        var writer = MesosJSONWriter(reservingCapacity: 1024 + page.count * 700)
        writer.writeObject { writer in
            writer.key("tasks")
            writer.writeArray { writer in
                writer.items(page) { task, writer in task.encodeLegacyJSON(to: &writer) }
            }
        }
        return writer.bytes
    }
}

/// The query of `/master/tasks`: `limit` (default 100, -1 or any negative for all), `offset`,
/// `order` (`asc`, or anything else for `des`, the default), `framework_id` and `task_id`.
public struct LegacyTaskQuery: Hashable, Sendable {
    public enum Order: String, Hashable, Sendable {
        case ascending = "asc"
        case descending = "des"
    }

    /// Mesos's `TASK_LIMIT`.
    public static let defaultLimit = 100

    /// At most this many tasks; nil for all of them.
    public var limit: Int?
    public var offset: Int
    public var order: Order
    public var frameworkID: FrameworkID?
    public var taskID: TaskID?

    public init(
        limit: Int? = LegacyTaskQuery.defaultLimit, offset: Int = 0, order: Order = .descending,
        frameworkID: FrameworkID? = nil, taskID: TaskID? = nil
    ) {
        self.limit = limit
        self.offset = offset
        self.order = order
        self.frameworkID = frameworkID
        self.taskID = taskID
    }

    /// From the URL's query parameters, as Mesos reads them: a `limit` or `offset` that is not
    /// an integer means the default; a negative limit means no limit (Mesos casts it to an
    /// unsigned size), and a negative offset means 0.
    public init(parameters: [String: String]) {
        let limit = parameters["limit"].flatMap { Int($0) }
        self.init(
            limit: limit.map { $0 < 0 ? nil : $0 } ?? LegacyTaskQuery.defaultLimit,
            offset: max(0, parameters["offset"].flatMap { Int($0) } ?? 0),
            order: parameters["order"] == "asc" ? .ascending : .descending,
            frameworkID: parameters["framework_id"].map { FrameworkID($0) },
            taskID: parameters["task_id"].map { TaskID($0) }
        )
    }

    /// The tasks the query selects, in order, the page cut out.
    ///
    /// Mesos orders by each task's first status's time (tasks without a status first when
    /// ascending, last when descending). Corral tasks may have no status yet while staging, so
    /// their launch time stands in; ties go by task ID, then framework ID, so pages are stable.
    public func page(of snapshot: ClusterSnapshot) -> [TaskRecord] {
        // Sorting positions, not records: a TaskRecord is large, and a page is usually small.
        var positions: [(start: Double, completed: Bool, index: Int)] = []
        positions.reserveCapacity(frameworkID == nil && taskID == nil ? snapshot.tasks.count + snapshot.completedTasks.count : 16)
        for (completed, list) in [(false, snapshot.tasks), (true, snapshot.completedTasks)] {
            for index in list.indices {
                if let frameworkID, list[index].frameworkID != frameworkID { continue }
                if let taskID, list[index].id != taskID { continue }
                let start = list[index].statuses.first?.timestamp ?? list[index].launchedAt
                positions.append((start.seconds, completed, index))
            }
        }
        func task(_ position: (start: Double, completed: Bool, index: Int)) -> TaskRecord {
            position.completed ? snapshot.completedTasks[position.index] : snapshot.tasks[position.index]
        }
        // Ties are common (tasks launched together): compare IDs in place, never copying a record.
        func taskIDAt(_ position: (start: Double, completed: Bool, index: Int)) -> TaskID {
            position.completed ? snapshot.completedTasks[position.index].id : snapshot.tasks[position.index].id
        }
        func frameworkIDAt(_ position: (start: Double, completed: Bool, index: Int)) -> FrameworkID {
            position.completed ? snapshot.completedTasks[position.index].frameworkID : snapshot.tasks[position.index].frameworkID
        }
        let ascending = order == .ascending
        positions.sort { lhs, rhs in
            if lhs.start != rhs.start { return ascending ? lhs.start < rhs.start : lhs.start > rhs.start }
            let left = taskIDAt(lhs)
            let right = taskIDAt(rhs)
            if left != right { return ascending ? left < right : left > right }
            return ascending ? frameworkIDAt(lhs) < frameworkIDAt(rhs) : frameworkIDAt(lhs) > frameworkIDAt(rhs)
        }
        let start = min(offset, positions.count)
        let end = limit.map { start + min($0, positions.count - start) } ?? positions.count
        return positions[start..<end].map(task)
    }
}
