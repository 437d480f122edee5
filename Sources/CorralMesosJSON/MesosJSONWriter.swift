/// Writes compact JSON straight into a byte buffer.
///
/// Keys are `StaticString`s (every Mesos field name is a literal), so writing a field costs a
/// memcpy, not a String. Separators are tracked here, so encoders only say what comes next.
/// Every non-ASCII character is written as `\uXXXX` (a surrogate pair beyond the BMP): the
/// output is ASCII and has no raw line breaks, as Mesos's line-splitting clients need. The one
/// exception is `rawString` (a file's bytes), which has no line breaks but any other byte.
public struct MesosJSONWriter: Sendable {
    public private(set) var bytes: [UInt8]
    /// Whether the next value or key needs a comma before it.
    private var needsComma = false

    public init(reservingCapacity capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    // MARK: Containers

    /// `{ … }`, with `body` writing its fields.
    public mutating func writeObject(_ body: (inout MesosJSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// `[ … ]`, with `body` writing its items.
    public mutating func writeArray(_ body: (inout MesosJSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A key of the object being written; its value must follow. Field names are plain ASCII
    /// and are copied as they are, unescaped.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// A key that is data rather than a field name (a map's keys, a metric's name).
    public mutating func key(_ name: String) {
        separate()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: Scalars

    public mutating func string(_ value: String) {
        separate()
        appendQuoted(value)
        needsComma = true
    }

    public mutating func bool(_ value: Bool) {
        separate()
        appendLiteral(value ? "true" : "false")
        needsComma = true
    }

    public mutating func null() {
        separate()
        appendLiteral("null")
        needsComma = true
    }

    public mutating func number(_ value: Int64) {
        separate()
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            appendDigits(value.magnitude)
        } else {
            appendDigits(UInt64(value))
        }
        needsComma = true
    }

    public mutating func number(_ value: UInt64) {
        separate()
        appendDigits(value)
        needsComma = true
    }

    public mutating func number(_ value: Int) { number(Int64(value)) }

    /// Doubles print as the shortest text that reads back exactly, always with a fraction or
    /// exponent (`4.0`, `0.1`, `1e+16`), as Mesos does. JSON has no infinities or NaN: those
    /// become the strings `"Infinity"`, `"-Infinity"` and `"NaN"`, which Mesos parses back.
    public mutating func number(_ value: Double) {
        separate()
        if !value.isFinite {
            appendLiteral(value.isNaN ? "\"NaN\"" : value < 0 ? "\"-Infinity\"" : "\"Infinity\"")
        } else if value == value.rounded(), value.magnitude < 0x1p53 {
            // The common case (resources, ports, timeouts) without formatting a String.
            if value < 0 || (value == 0 && value.sign == .minus) { bytes.append(UInt8(ascii: "-")) }
            appendDigits(UInt64(value.magnitude))
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0"))
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
        needsComma = true
    }

    /// Base64 text of `data`: how Mesos writes `bytes` fields.
    public mutating func base64(_ data: [UInt8]) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        Base64.encode(data, into: &bytes)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// A file's bytes as a JSON string, as Mesos's files API writes `data`: quotes, backslashes
    /// and control characters escaped, every other byte as it is. So bytes that are not UTF-8
    /// reach the reader unchanged (a Swift String would have made each U+FFFD), and such an
    /// answer is not UTF-8 either: Mesos's agents answer the same, and `parse(_:keepingBytesOf:)`
    /// reads it back exactly.
    public mutating func rawString(_ data: [UInt8]) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for (index, byte) in data.enumerated() where byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            bytes.append(contentsOf: data[runStart..<index])
            appendEscapedASCII(byte)
            runStart = index + 1
        }
        bytes.append(contentsOf: data[runStart...])
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Bytes that are already one complete JSON value (a cached fragment).
    public mutating func rawJSON(_ json: [UInt8]) {
        separate()
        bytes.append(contentsOf: json)
        needsComma = true
    }

    // MARK: Fields

    /// `"key": value`
    public mutating func field<T: MesosJSONEncodable>(_ key: StaticString, _ value: T) {
        self.key(key)
        value.encodeMesosJSON(to: &self)
    }

    /// `"key": value` when set; nothing for nil, as Mesos omits unset optional fields.
    public mutating func field<T: MesosJSONEncodable>(_ key: StaticString, ifPresent value: T?) {
        guard let value else { return }
        field(key, value)
    }

    /// `"key": [ … ]` when non-empty; nothing otherwise, as Mesos omits empty repeated fields.
    public mutating func field<C: Collection>(_ key: StaticString, nonEmpty values: C) where C.Element: MesosJSONEncodable {
        guard !values.isEmpty else { return }
        self.key(key)
        writeArray { writer in
            for value in values { value.encodeMesosJSON(to: &writer) }
        }
    }

    /// `"key": { … }`: a nested message with no model type of its own.
    public mutating func field(_ key: StaticString, object body: (inout MesosJSONWriter) -> Void) {
        self.key(key)
        writeObject(body)
    }

    /// `"key": "<base64>"` when set.
    public mutating func field(_ key: StaticString, base64 data: [UInt8]?) {
        guard let data else { return }
        self.key(key)
        base64(data)
    }

    // MARK: Bytes

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendLiteral(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func appendDigits(_ value: UInt64) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        let start = bytes.count
        var rest = value
        while rest > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        bytes[start...].reverse()
    }

    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Native strings are contiguous UTF-8 already: `withUTF8` then neither copies nor allocates.
        var contiguous = text
        contiguous.withUTF8 { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Copies runs of plain ASCII in one go; escapes quotes, backslashes, control characters and
    /// everything non-ASCII. Swift strings are valid UTF-8, so sequences decode without checks
    /// beyond staying in bounds.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = 0
        let count = utf8.count
        while index < count {
            let byte = utf8[index]
            if byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
            if byte < 0x80 {
                appendEscapedASCII(byte)
                index += 1
            } else {
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var scalar = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
                var offset = 1
                while offset < length, index + offset < count {
                    scalar = scalar << 6 | UInt32(utf8[index + offset] & 0x3F)
                    offset += 1
                }
                if scalar >= 0x10000 {
                    let value = scalar - 0x10000
                    appendUnicodeEscape(UInt16(0xD800 + (value >> 10)))
                    appendUnicodeEscape(UInt16(0xDC00 + (value & 0x3FF)))
                } else {
                    appendUnicodeEscape(UInt16(scalar))
                }
                index += length
            }
            runStart = index
        }
        if runStart < count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count])) }
    }

    /// A quote, a backslash or a control character, escaped.
    private mutating func appendEscapedASCII(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): appendLiteral("\\\"")
        case UInt8(ascii: "\\"): appendLiteral("\\\\")
        case 0x0A: appendLiteral("\\n")
        case 0x0D: appendLiteral("\\r")
        case 0x09: appendLiteral("\\t")
        case 0x08: appendLiteral("\\b")
        case 0x0C: appendLiteral("\\f")
        default: appendUnicodeEscape(UInt16(byte))
        }
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    private mutating func appendUnicodeEscape(_ unit: UInt16) {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(UInt8(ascii: "u"))
        let hex = Self.hexDigits.utf8Start
        bytes.append(hex[Int(unit >> 12 & 0xF)])
        bytes.append(hex[Int(unit >> 8 & 0xF)])
        bytes.append(hex[Int(unit >> 4 & 0xF)])
        bytes.append(hex[Int(unit & 0xF)])
    }
}
