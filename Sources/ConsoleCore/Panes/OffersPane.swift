import CorralModel

/// Outstanding offers, and for a few seconds each offer that was accepted, declined or
/// rescinded, in that outcome's colour.
enum OffersPane {
    struct Row {
        var offer: Offer
        var frameworkName: String
        var age: Double
        var outcome: OfferFlash.Outcome?
    }

    static func table(_ model: ConsoleModel) -> TableData {
        var names: [FrameworkID: String] = [:]
        for framework in model.snapshot?.frameworks ?? [] { names[framework.id] = framework.info.name }
        func name(_ id: FrameworkID) -> String { names[id] ?? Format.shortID(id.value) }
        var rows = (model.snapshot?.offers ?? []).map {
            Row(offer: $0.offer, frameworkName: name($0.offer.frameworkID), age: model.now - $0.createdAt, outcome: nil)
        }
        rows += model.flashes.map { Row(offer: $0.offer, frameworkName: name($0.offer.frameworkID), age: model.now - $0.at, outcome: $0.outcome) }
        let columns: [TableColumn<Row>] = [
            .sorted("Offer", .fixed(6), by: { $0.offer.id.value }) { .text(Format.shortID($0.offer.id.value)) },
            .sorted("Framework", .flexible(minimum: 8), by: { $0.frameworkName }) { .text($0.frameworkName) },
            .sorted("Agent", .fixed(5), by: { $0.offer.agentID.value }) { .text(Format.shortID($0.offer.agentID.value)) },
            .sorted("Resources", .flexible(minimum: 12), by: { $0.offer.resources.cpus }) { row in
                .text(Self.summary(row.offer.resources), row.outcome?.role ?? .base)
            },
            .sorted("Age", .fixed(6), alignment: .right, by: { $0.age }) { .text(Format.age($0.age)) },
            .sorted("State", .fixed(11), by: { $0.outcome?.rawValue ?? "" }) { row in
                .text(row.outcome?.rawValue ?? "outstanding", row.outcome?.role ?? .offerOutstanding)
            },
        ]
        return TableData(rows, columns: columns, state: model.table(.offers), key: { $0.offer.id.value },
                         search: { "\($0.offer.id) \($0.frameworkName) \($0.offer.agentID)" })
    }

    /// `2 cpu 1.5G`: an offer at a glance (the details screen has the rest).
    static func summary(_ resources: Resources) -> String {
        var parts = ["\(Format.cpus(resources.cpus)) cpu", Format.megabytes(resources.mem)]
        if resources.gpus > 0 { parts.append("\(Format.cpus(resources.gpus)) gpu") }
        return parts.joined(separator: " ")
    }
}
