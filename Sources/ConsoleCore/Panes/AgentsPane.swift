import CorralModel

/// One row per agent: cpu and memory as bars of used (from the cgroups) inside allocated inside
/// total, with offered beside, its task count, throttling and state.
enum AgentsPane {
    static func table(_ model: ConsoleModel) -> TableData {
        let agents = model.snapshot?.agents ?? []
        // The host column is as wide as the longest hostname (a long FQDN is cut at 24): a host
        // is how people tell agents apart, so the bars give way to it, not it to them.
        let hostWidth = fitted(agents.map(\.info.hostname), minimum: 4, maximum: 24)
        let columns: [TableColumn<AgentSnapshot>] = [
            .sorted("Agent", .fixed(6), by: { $0.id.value }) { .text(Format.shortID($0.id.value)) },
            .sorted("Host", .fixed(hostWidth), by: { $0.info.hostname }) { .text($0.info.hostname) },
            .sorted("CPU used/alloc/tot", .flexible(minimum: 14), by: { $0.usage?.cpusUsed ?? 0 }) { agent in
                .bar(StackedBar(total: agent.total.cpus, used: agent.usage?.cpusUsed ?? 0, allocated: agent.used.cpus, offered: agent.offered.cpus),
                     label: "\(Format.cpus(agent.usage?.cpusUsed ?? 0))/\(Format.cpus(agent.used.cpus))/\(Format.cpus(agent.total.cpus))")
            },
            .sorted("Mem used/alloc/total", .flexible(minimum: 16), by: { $0.usage?.memoryBytes ?? 0 }) { agent in
                let usedMB = Double(agent.usage?.memoryBytes ?? 0) / 1_048_576
                return .bar(StackedBar(total: agent.total.mem, used: usedMB, allocated: agent.used.mem, offered: agent.offered.mem),
                            label: "\(Format.megabytes(usedMB))/\(Format.megabytes(agent.used.mem))/\(Format.megabytes(agent.total.mem))")
            },
            .sorted("Tasks", .fixed(5), alignment: .right, by: { $0.taskCount }) { .text(String($0.taskCount)) },
            .sorted("Thrtl", .fixed(5), alignment: .right, by: { $0.usage?.throttledFraction ?? 0 }) { agent in
                let fraction = agent.usage?.throttledFraction ?? 0
                return .text(Format.percent(fraction), fraction > 0.05 ? .barThrottled : .muted)
            },
            .sorted("State", .fixed(6), by: { $0.active ? 0 : 1 }) { .text($0.active ? "active" : "down", $0.active ? .base : .warning) },
        ]
        return TableData(agents, columns: columns, state: model.table(.agents), key: { $0.id.value }, search: { "\($0.id) \($0.info.hostname)" })
    }
}
