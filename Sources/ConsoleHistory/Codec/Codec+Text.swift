import CorralModel

// Text and the IDs, as values: a list of them is then `values` (a count and each string,
// interned), the same bytes the lists of roles, arguments and set items were written with
// when each codec spelled the count and the loop out.

extension String: HistoryCodable {
    public func write(to writer: inout ByteWriter) { writer.string(self) }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) { self = try reader.string() }
}

extension Identifier: HistoryCodable {
    public func write(to writer: inout ByteWriter) { writer.string(value) }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) { self.init(try reader.string()) }
}
