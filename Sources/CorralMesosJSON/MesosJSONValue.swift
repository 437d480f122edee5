/// A parsed JSON document, before it is read into model types.
///
/// Numbers keep their text so that 64-bit integers (range bounds, nanoseconds) are read exactly
/// and a double is only made when a double is wanted.
public enum MesosJSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([MesosJSONValue])
    case object(MesosJSONObject)

    /// How the value shows in an error message: short, and never a whole document.
    var briefDescription: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text):
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return MesosJSON.encodeString(shown)
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A JSON object as sent: members in document order. Lookups are linear, which beats hashing
/// for the dozen-or-fewer fields of a Mesos message; a repeated key means its last occurrence.
public struct MesosJSONObject: Hashable, Sendable {
    public struct Member: Hashable, Sendable {
        public var key: String
        public var value: MesosJSONValue

        public init(key: String, value: MesosJSONValue) {
            self.key = key
            self.value = value
        }
    }

    public var members: [Member]

    public init(_ members: [Member] = []) { self.members = members }

    /// The value of `key`; nil when absent or `null`, which Mesos treats alike.
    public subscript(key: String) -> MesosJSONValue? {
        for member in members.reversed() where member.key == key {
            if case .null = member.value { return nil }
            return member.value
        }
        return nil
    }

    public func contains(_ key: String) -> Bool { self[key] != nil }

    // MARK: Reading fields into model types

    /// A field the proto marks `required` (or that the model cannot do without).
    public func required<T: MesosJSONDecodable>(_ key: String, as type: T.Type = T.self) throws(MesosJSONError) -> T {
        guard let value = self[key] else { throw .missing(key) }
        return try value.decode(T.self, at: key)
    }

    /// An optional field: nil when absent.
    public func optional<T: MesosJSONDecodable>(_ key: String, as type: T.Type = T.self) throws(MesosJSONError) -> T? {
        guard let value = self[key] else { return nil }
        return try value.decode(T.self, at: key)
    }

    /// A repeated field: empty when absent, as protobuf does not tell absent from empty.
    public func repeated<T: MesosJSONDecodable>(_ key: String, of type: T.Type = T.self) throws(MesosJSONError) -> [T] {
        guard let value = self[key] else { return [] }
        return try value.decode([T].self, at: key)
    }

    /// A `bytes` field: base64 text.
    public func bytes(_ key: String) throws(MesosJSONError) -> [UInt8]? {
        guard let value = self[key] else { return nil }
        do throws(MesosJSONError) {
            let text = try value.string()
            guard let bytes = Base64.decode(text) else { throw MesosJSONError.expected("base64", got: value) }
            return bytes
        } catch {
            throw error.prefixed(by: .key(key))
        }
    }

    /// A required message field read by a closure (a call's or event's body, `launch`, `scalar`).
    public func required<T>(
        _ key: String, _ read: (MesosJSONObject) throws(MesosJSONError) -> T
    ) throws(MesosJSONError) -> T {
        guard let result = try nested(key, read) else { throw .missing(key) }
        return result
    }

    /// A message field read by a closure, for the few places where a nested message has no model
    /// type of its own (`launch.task_infos`, `allocation_info.role`).
    public func nested<T>(
        _ key: String, _ read: (MesosJSONObject) throws(MesosJSONError) -> T
    ) throws(MesosJSONError) -> T? {
        guard let value = self[key] else { return nil }
        do {
            return try read(try value.object())
        } catch {
            throw error.prefixed(by: .key(key))
        }
    }
}

extension MesosJSONValue {
    /// Reads `T` from this value, naming `key` in any error.
    func decode<T: MesosJSONDecodable>(_ type: T.Type, at key: String) throws(MesosJSONError) -> T {
        do {
            return try T(mesosJSON: self)
        } catch {
            throw error.prefixed(by: .key(key))
        }
    }

    public func object() throws(MesosJSONError) -> MesosJSONObject {
        guard case .object(let object) = self else { throw .expected("an object", got: self) }
        return object
    }

    public func array() throws(MesosJSONError) -> [MesosJSONValue] {
        guard case .array(let items) = self else { throw .expected("an array", got: self) }
        return items
    }

    public func string() throws(MesosJSONError) -> String {
        guard case .string(let text) = self else { throw .expected("a string", got: self) }
        return text
    }

    /// A bool, or its name as a string: Mesos accepts `"true"` where `true` is meant.
    public func bool() throws(MesosJSONError) -> Bool {
        switch self {
        case .bool(let flag): return flag
        case .string("true"): return true
        case .string("false"): return false
        default: throw .expected("a boolean", got: self)
        }
    }

    /// A double from a number, a number in a string (`"4.0"`), or `"Infinity"`, `"-Infinity"`
    /// and `"NaN"`, which JSON cannot spell as numbers and Mesos sends as strings.
    public func double() throws(MesosJSONError) -> Double {
        switch self {
        case .number(let text):
            if let value = Double(text) { return value }
        case .string(let text):
            if let value = Self.nonFinite(text) { return value }
            if MesosJSONParser.isNumber(text), let value = Double(text) { return value }
        default:
            break
        }
        throw .expected("a number", got: self)
    }

    /// A signed integer; integral doubles (`3e9`, `"5050"`) are accepted, fractions are not.
    public func int64() throws(MesosJSONError) -> Int64 {
        guard let text = numberText else { throw .expected("an integer", got: self) }
        if let value = Int64(text) { return value }
        if let value = Double(text), value == value.rounded(), value >= -0x1p63, value < 0x1p63 {
            return Int64(value)
        }
        throw .expected("an integer", got: self)
    }

    /// An unsigned 64-bit integer, read exactly: range bounds go up to 2^64-1.
    public func uint64() throws(MesosJSONError) -> UInt64 {
        guard let text = numberText else { throw .expected("a non-negative integer", got: self) }
        if let value = UInt64(text) { return value }
        if let value = Double(text), value == value.rounded(), value >= 0, value < 0x1p64 {
            return UInt64(value)
        }
        throw .expected("a non-negative integer", got: self)
    }

    /// The digits of a number or of a string that holds one.
    private var numberText: String? {
        switch self {
        case .number(let text): text
        case .string(let text) where MesosJSONParser.isNumber(text): text
        default: nil
        }
    }

    private static func nonFinite(_ text: String) -> Double? {
        switch text.lowercased() {
        case "infinity", "+infinity", "inf", "+inf": .infinity
        case "-infinity", "-inf": -.infinity
        case "nan", "+nan", "-nan": .nan
        default: nil
        }
    }
}
