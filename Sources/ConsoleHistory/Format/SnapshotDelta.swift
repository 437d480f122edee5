import CorralModel

/// A snapshot written as its differences from the previous one: each list by `ListPatch`
/// (agents, frameworks, tasks and offers by ID), usage by task (removed keys, changed samples),
/// and the few single values whole. Reading needs the previous snapshot, which the keyframe
/// before it and the deltas since give.
enum SnapshotDelta {
    static func write(_ new: ClusterSnapshot, against old: ClusterSnapshot, to writer: inout ByteWriter) {
        writer.time(new.time)
        writer.time(new.startedAt)
        writer.optional(new.masterInfo == old.masterInfo ? nil : new.masterInfo) { $0.value($1) }
        ListPatch.write(new.agents, against: old.agents, key: \.id, to: &writer)
        ListPatch.write(new.frameworks, against: old.frameworks, key: \.id, to: &writer)
        ListPatch.write(new.offers, against: old.offers, key: \.offer.id, to: &writer)
        ListPatch.write(new.tasks, against: old.tasks, key: \.key, to: &writer)
        ListPatch.write(new.completedTasks, against: old.completedTasks, key: \.key, to: &writer)
        ListPatch.write(new.roles, against: old.roles, key: \.name, to: &writer)
        writer.optional(new.nextFramework) { $0.string($1.value) }
        writer.int(new.offersMade)
        writeUsage(new.taskUsage, against: old.taskUsage, to: &writer)
        ListPatch.write(new.completedFrameworks, against: old.completedFrameworks, key: \.id, to: &writer)
        writer.optional(new.clusterID) { $0.string($1) }
        ListPatch.write(new.recoveredAgents, against: old.recoveredAgents, key: { $0 }, to: &writer)
        ListPatch.write(new.unreachableAgents, against: old.unreachableAgents, key: \.agentID, to: &writer)
        ListPatch.write(new.goneAgents, against: old.goneAgents, key: \.agentID, to: &writer)
    }

    /// Turns the previous snapshot into the next one, in place (see `ListPatch.apply`).
    static func apply(to snapshot: inout ClusterSnapshot, from reader: inout ByteReader) throws(HistoryFormatError) {
        snapshot.time = try reader.time("the snapshot's time")
        snapshot.startedAt = try reader.time("the master's start")
        if let info = try reader.optional("a changed master", { reader throws(HistoryFormatError) in try reader.value(MasterInfo.self) }) { snapshot.masterInfo = info }
        try ListPatch.apply("agents", to: &snapshot.agents, from: &reader)
        try ListPatch.apply("frameworks", to: &snapshot.frameworks, from: &reader)
        try ListPatch.apply("offers", to: &snapshot.offers, from: &reader)
        try ListPatch.apply("tasks", to: &snapshot.tasks, from: &reader)
        try ListPatch.apply("completed tasks", to: &snapshot.completedTasks, from: &reader)
        try ListPatch.apply("roles", to: &snapshot.roles, from: &reader)
        snapshot.nextFramework = try reader.optional("next framework") { reader throws(HistoryFormatError) in FrameworkID(try reader.string()) }
        snapshot.offersMade = try reader.int("offers made")
        try applyUsage(to: &snapshot.taskUsage, from: &reader)
        try ListPatch.apply("completed frameworks", to: &snapshot.completedFrameworks, from: &reader)
        snapshot.clusterID = try reader.optional("cluster ID") { reader throws(HistoryFormatError) in try reader.string() }
        try ListPatch.apply("recovered agents", to: &snapshot.recoveredAgents, from: &reader)
        try ListPatch.apply("unreachable agents", to: &snapshot.unreachableAgents, from: &reader)
        try ListPatch.apply("gone agents", to: &snapshot.goneAgents, from: &reader)
    }

    /// The next snapshot, leaving `old` as it was.
    static func read(against old: ClusterSnapshot, from reader: inout ByteReader) throws(HistoryFormatError) -> ClusterSnapshot {
        var new = old
        try apply(to: &new, from: &reader)
        return new
    }

    private static func writeUsage(_ new: [TaskKey: ResourceUsage], against old: [TaskKey: ResourceUsage], to writer: inout ByteWriter) {
        writer.array(old.keys.filter { new[$0] == nil }) { $0.value($1) }
        writer.usage(new.filter { old[$0.key] != $0.value })
    }

    private static func applyUsage(to usage: inout [TaskKey: ResourceUsage], from reader: inout ByteReader) throws(HistoryFormatError) {
        for key in try reader.values("ended usage", TaskKey.self) { usage[key] = nil }
        for (key, sample) in try reader.usage() { usage[key] = sample }
    }
}
