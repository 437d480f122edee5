/// Mesos v1 JSON, as Mesos itself writes and reads it (not proto3's mapping): snake_case field
/// names, enums by name, IDs as `{"value": ...}`, int64 as numbers, bytes as base64, repeated
/// fields only when non-empty. See shared/reference/mesos-v1.md.
///
/// Output is compact, single-line, ASCII-only (every other character as `\uXXXX`) and in a
/// fixed key order, so RecordIO readers that split lines or slice characters work and golden
/// tests compare bytes. Input ignores unknown fields, takes numbers and bools sent as strings,
/// and fails with a `MesosJSONError` that names the path of the offending field.
public enum MesosJSON {
    /// The compact JSON bytes of `value`.
    public static func encode<T: MesosJSONEncodable>(_ value: T) -> [UInt8] {
        var writer = MesosJSONWriter()
        value.encodeMesosJSON(to: &writer)
        return writer.bytes
    }

    /// `encode` as text (always ASCII).
    public static func encodeString<T: MesosJSONEncodable>(_ value: T) -> String {
        String(decoding: encode(value), as: UTF8.self)
    }

    /// Reads a `T` from JSON bytes (an `[UInt8]`, an `ArraySlice`, a buffer, …).
    public static func decode<T: MesosJSONDecodable, Bytes: Collection<UInt8>>(
        _ type: T.Type, from bytes: Bytes
    ) throws(MesosJSONError) -> T {
        try T(mesosJSON: parse(bytes))
    }

    /// Reads a `T` from JSON text.
    public static func decode<T: MesosJSONDecodable>(_ type: T.Type, from text: String) throws(MesosJSONError) -> T {
        try T(mesosJSON: parse(text))
    }

    /// The JSON tree of `bytes`, for callers that read documents Corral has no model type for.
    public static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(MesosJSONError) -> MesosJSONValue {
        let result = bytes.withContiguousStorageIfAvailable(parse(buffer:))
            ?? Array(bytes).withUnsafeBufferPointer(parse(buffer:))
        return try result.get()
    }

    public static func parse(_ text: String) throws(MesosJSONError) -> MesosJSONValue {
        var text = text
        return try text.withUTF8(parse(buffer:)).get()
    }

    /// The parse as a `Result`: the buffer accessors take untyped-throwing closures, and a
    /// `Result` carries the typed error through them.
    private static func parse(buffer: UnsafeBufferPointer<UInt8>) -> Result<MesosJSONValue, MesosJSONError> {
        var parser = MesosJSONParser(buffer)
        return Result { () throws(MesosJSONError) -> MesosJSONValue in try parser.parseDocument() }
    }

    /// The document, and the bytes of the string `member` of its top-level object as they were
    /// sent (escapes undone), nil when it has none: Mesos's files API puts a file's bytes in
    /// `data` as they are, and a String would make those that are not UTF-8 U+FFFD.
    public static func parse(_ bytes: [UInt8], keepingBytesOf member: String) throws(MesosJSONError) -> (MesosJSONValue, [UInt8]?) {
        try bytes.withUnsafeBufferPointer { buffer in
            var parser = MesosJSONParser(buffer, keepingBytesOf: member)
            return Result { () throws(MesosJSONError) in (try parser.parseDocument(), parser.keptBytes) }
        }.get()
    }
}

/// A type with a Mesos v1 JSON form it writes itself, straight into the output buffer: no
/// intermediate tree, so a GET_STATE of many thousands of tasks stays cheap.
public protocol MesosJSONEncodable {
    func encodeMesosJSON(to writer: inout MesosJSONWriter)
}

/// A type readable from a parsed Mesos v1 JSON value. Errors carry the path below `value`;
/// callers add the field names above it.
public protocol MesosJSONDecodable {
    init(mesosJSON value: MesosJSONValue) throws(MesosJSONError)
}

public typealias MesosJSONCodable = MesosJSONEncodable & MesosJSONDecodable
