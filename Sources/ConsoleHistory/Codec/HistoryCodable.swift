/// A value a history record carries, written with `ByteWriter` and read back with `ByteReader`.
public protocol HistoryCodable {
    func write(to writer: inout ByteWriter)
    init(from reader: inout ByteReader) throws(HistoryFormatError)
}

/// What is wrong with a history file or record, in a sentence that names it.
public struct HistoryFormatError: Error, Equatable, CustomStringConvertible {
    public var problem: String

    public init(_ problem: String) { self.problem = problem }

    /// The same problem with where it was found in front (`segment-000003.history, record 17: …`).
    public func at(_ place: String) -> HistoryFormatError { HistoryFormatError("\(place): \(problem)") }

    public var description: String { problem }
}
