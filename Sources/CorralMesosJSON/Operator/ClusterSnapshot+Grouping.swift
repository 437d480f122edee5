import CorralModel

/// Groupings of a snapshot's flat lists, each built in one pass, so that writing a framework's
/// tasks or offers is a walk over its own indices instead of a scan of every task: GET_STATE and
/// `/master/state` of 100,000 tasks stay linear.
extension ClusterSnapshot {
    /// Indices into `items` of each framework's items, in snapshot order.
    static func indices<Items: RandomAccessCollection>(
        of items: Items, by framework: (Items.Element) -> FrameworkID
    ) -> [FrameworkID: [Int]] where Items.Index == Int {
        var groups: [FrameworkID: [Int]] = [:]
        for index in items.indices {
            groups[framework(items[index]), default: []].append(index)
        }
        return groups
    }

    /// Each framework's outstanding offers.
    var offersByFramework: [FrameworkID: [Offer]] {
        var groups: [FrameworkID: [Offer]] = [:]
        for snapshot in offers { groups[snapshot.offer.frameworkID, default: []].append(snapshot.offer) }
        return groups
    }

    /// The executors tasks name (a LAUNCH_GROUP's), once each, in order of first appearance.
    /// Corral keeps no executor list of its own; command tasks name none, as in Mesos.
    var namedExecutors: [NamedExecutor] {
        var seen: Set<NamedExecutor> = []
        var result: [NamedExecutor] = []
        for task in tasks {
            guard let executorID = task.executorID else { continue }
            let executor = NamedExecutor(executorID: executorID, frameworkID: task.frameworkID, agentID: task.agentID)
            if seen.insert(executor).inserted { result.append(executor) }
        }
        return result
    }

    /// How many tasks `tasks` holds in TASK_UNREACHABLE, which Mesos lists apart.
    var unreachableTaskCount: Int {
        var count = 0
        for task in tasks where task.state == .unreachable { count += 1 }
        return count
    }

    /// A guess at the encoded size, so the writer's buffer grows once or not at all.
    var estimatedJSONSize: Int {
        4096 + (tasks.count + completedTasks.count) * 800 + agents.count * 1200 + offers.count * 600
            + frameworks.count * 800
    }
}

/// An executor as GET_EXECUTORS and `/master/state` list it: where it runs, whose it is.
struct NamedExecutor: Hashable {
    var executorID: ExecutorID
    var frameworkID: FrameworkID
    var agentID: AgentID
}
