/// What a benchmark of a simulated cluster prints: its name and the cluster's size, then its
/// own figures, all keys at the top level of one JSON object (scripts read them by name).
struct BenchReport<Figures: Encodable>: Encodable {
    var benchmark: String
    var agents: Int
    var tasks: Int
    var figures: Figures

    private enum CodingKeys: String, CodingKey {
        case benchmark, agents, tasks
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(benchmark, forKey: .benchmark)
        try container.encode(agents, forKey: .agents)
        try container.encode(tasks, forKey: .tasks)
        // The figures' keys go into the same object.
        try figures.encode(to: encoder)
    }

    /// Prints the report as JSON on standard output.
    func print() throws { try printJSON(self) }
}
