import CorralModel

/// What happened, newest first: launches, status updates with reasons, kills, agents.
enum EventsPane {
    static func table(_ model: ConsoleModel) -> TableData {
        let indexed = Array(model.log.enumerated())
        let columns: [TableColumn<(offset: Int, element: LogLine)>] = [
            .sorted("Time", .fixed(8), by: { $0.offset }) { .text(Format.clock($0.element.time), .muted) },
            TableColumn("Event", .flexible(minimum: 20)) { .text($0.element.text, $0.element.role) },
        ]
        return TableData(indexed, columns: columns, state: model.table(.events), key: { String($0.offset) }, search: { $0.element.text })
    }
}
