/// Protobuf scalar types as Mesos writes them: strings, bools, and numbers (int64 included,
/// unlike proto3), read leniently from strings too.

extension String: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) { writer.string(self) }
    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) { self = try value.string() }
}

extension Bool: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) { writer.bool(self) }
    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) { self = try value.bool() }
}

extension Double: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) { writer.number(self) }
    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) { self = try value.double() }
}

extension Int64: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) { writer.number(self) }
    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) { self = try value.int64() }
}

extension UInt64: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) { writer.number(self) }
    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) { self = try value.uint64() }
}

extension Int: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) { writer.number(Int64(self)) }
    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        self = try Self.narrowed(value.int64(), from: value)
    }
}

extension Int32: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) { writer.number(Int64(self)) }
    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        self = try Self.narrowed(value.int64(), from: value)
    }
}

extension UInt32: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) { writer.number(UInt64(self)) }
    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        self = try Self.narrowed(value.int64(), from: value)
    }
}

extension FixedWidthInteger {
    /// A 64-bit reading that must fit the field's narrower proto type (int32, uint32).
    fileprivate static func narrowed(_ wide: Int64, from value: MesosJSONValue) throws(MesosJSONError) -> Self {
        guard let narrow = Self(exactly: wide) else {
            throw MesosJSONError(problem: "\(value.briefDescription) is out of range for \(Self.self)")
        }
        return narrow
    }
}

/// Repeated fields: a JSON array, each item's errors naming its index.
extension Array: MesosJSONEncodable where Element: MesosJSONEncodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeArray { writer in
            for element in self { element.encodeMesosJSON(to: &writer) }
        }
    }
}

extension Array: MesosJSONDecodable where Element: MesosJSONDecodable {
    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let items = try value.array()
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            do {
                result.append(try Element(mesosJSON: item))
            } catch {
                throw error.prefixed(by: .index(index))
            }
        }
        self = result
    }
}

/// A parsed tree writes itself back out: lets other layers pass through documents Corral has no
/// model type for.
extension MesosJSONValue: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let flag): writer.bool(flag)
        case .number(let text): writer.rawJSON(Array(text.utf8))
        case .string(let text): writer.string(text)
        case .array(let items): items.encodeMesosJSON(to: &writer)
        case .object(let object):
            writer.writeObject { writer in
                for member in object.members {
                    writer.key(member.key)
                    member.value.encodeMesosJSON(to: &writer)
                }
            }
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) { self = value }
}

/// Proto enums travel as their names. Model enums whose raw values are those names conform
/// with no code of their own.
public protocol MesosJSONEnumeration: RawRepresentable, MesosJSONCodable where RawValue == String {}

extension MesosJSONEnumeration {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) { writer.string(rawValue) }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let name = try value.string()
        guard let known = Self(rawValue: name) else {
            throw MesosJSONError(problem: "unknown value \(value.briefDescription)")
        }
        self = known
    }
}
