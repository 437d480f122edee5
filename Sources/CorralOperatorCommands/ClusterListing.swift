import CorralMesosJSON

/// A row of one of the `list` commands: shown as a table for people, as a JSON array of
/// objects for scripts.
public protocol ClusterListing: Sendable {
    static var columns: [TextTable.Column] { get }
    /// The row's cells, in the order of `columns`.
    var cells: [String] { get }
    /// The members of the row's JSON object (its keys are the same for every row).
    func writeJSONMembers(to writer: inout MesosJSONWriter)
}

extension ClusterListing {
    /// The rows, aligned under a header.
    public static func table(_ lines: [Self]) -> String {
        var table = TextTable(columns)
        for line in lines { table.append(line.cells) }
        return table.text
    }

    /// A JSON array with an object a row.
    public static func json(_ lines: [Self]) -> [UInt8] {
        var writer = MesosJSONWriter()
        writer.writeArray { writer in
            for line in lines { writer.writeObject { line.writeJSONMembers(to: &$0) } }
        }
        return writer.bytes
    }
}

extension MesosJSONWriter {
    /// `"key": "value"`, or `"key": null` for a value that is not known: scripts find every key.
    mutating func field(_ key: StaticString, orNull value: String?) {
        self.key(key)
        if let value { string(value) } else { null() }
    }
}
