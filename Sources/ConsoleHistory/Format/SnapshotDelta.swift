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

    static func read(against old: ClusterSnapshot, from reader: inout ByteReader) throws(HistoryFormatError) -> ClusterSnapshot {
        var new = old
        new.time = try reader.time("the snapshot's time")
        new.startedAt = try reader.time("the master's start")
        if let info = try reader.optional("a changed master", { reader throws(HistoryFormatError) in try reader.value(MasterInfo.self) }) { new.masterInfo = info }
        new.agents = try ListPatch.read("agents", against: old.agents, from: &reader)
        new.frameworks = try ListPatch.read("frameworks", against: old.frameworks, from: &reader)
        new.offers = try ListPatch.read("offers", against: old.offers, from: &reader)
        new.tasks = try ListPatch.read("tasks", against: old.tasks, from: &reader)
        new.completedTasks = try ListPatch.read("completed tasks", against: old.completedTasks, from: &reader)
        new.roles = try ListPatch.read("roles", against: old.roles, from: &reader)
        new.nextFramework = try reader.optional("next framework") { reader throws(HistoryFormatError) in FrameworkID(try reader.string()) }
        new.offersMade = try reader.int("offers made")
        new.taskUsage = try readUsage(against: old.taskUsage, from: &reader)
        new.completedFrameworks = try ListPatch.read("completed frameworks", against: old.completedFrameworks, from: &reader)
        new.clusterID = try reader.optional("cluster ID") { reader throws(HistoryFormatError) in try reader.string() }
        new.recoveredAgents = try ListPatch.read("recovered agents", against: old.recoveredAgents, from: &reader)
        new.unreachableAgents = try ListPatch.read("unreachable agents", against: old.unreachableAgents, from: &reader)
        new.goneAgents = try ListPatch.read("gone agents", against: old.goneAgents, from: &reader)
        return new
    }

    private static func writeUsage(_ new: [TaskKey: ResourceUsage], against old: [TaskKey: ResourceUsage], to writer: inout ByteWriter) {
        writer.array(old.keys.filter { new[$0] == nil }) { $0.value($1) }
        writer.usage(new.filter { old[$0.key] != $0.value })
    }

    private static func readUsage(against old: [TaskKey: ResourceUsage], from reader: inout ByteReader) throws(HistoryFormatError) -> [TaskKey: ResourceUsage] {
        var usage = old
        for key in try reader.values("ended usage", TaskKey.self) { usage[key] = nil }
        for (key, sample) in try reader.usage() { usage[key] = sample }
        return usage
    }
}
