/// A strict RFC 8259 parser into `MesosJSONValue`, over a byte buffer.
///
/// Hand-written rather than Foundation's `JSONSerialization` so that numbers keep their exact
/// text (UInt64 range bounds), errors say where the syntax broke, and CorralModel stays free of
/// Foundation.
struct MesosJSONParser {
    /// Mesos messages nest a dozen levels at most; the limit keeps a hostile `[[[[…` from
    /// exhausting the stack of whichever thread parses it.
    static let maximumDepth = 128

    private let input: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0
    /// Reused for strings that contain escapes, so only the final String allocates.
    private var scratch: [UInt8] = []
    /// The members and items of the objects and arrays being parsed, innermost last. Each
    /// container is copied out once, at its exact size, when it closes: growing its own array
    /// one element at a time cost several reallocations per object, which showed when a
    /// restarted master decodes a hundred thousand tasks from its returning agents.
    private var memberStack: [MesosJSONObject.Member] = []
    private var itemStack: [MesosJSONValue] = []
    /// A string member of the top-level object whose bytes are kept as they are (see
    /// `MesosJSON.parse(_:keepingBytesOf:)`), and those bytes once it has been read.
    private let keptMember: String?
    private(set) var keptBytes: [UInt8]?

    init(_ input: UnsafeBufferPointer<UInt8>, keepingBytesOf member: String? = nil) {
        self.input = input
        keptMember = member
    }

    mutating func parseDocument() throws(MesosJSONError) -> MesosJSONValue {
        // A UTF-8 byte order mark is tolerated, as most HTTP clients' JSON parsers do.
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF { position = 3 }
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard position == input.count else { throw syntaxError("unexpected data after the JSON value") }
        return value
    }

    // MARK: Values

    private mutating func parseValue() throws(MesosJSONError) -> MesosJSONValue {
        guard position < input.count else { throw syntaxError("expected a value, got the end of the input") }
        switch input[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw syntaxError("expected a value")
        }
    }

    private mutating func parseObject() throws(MesosJSONError) -> MesosJSONValue {
        try enter()
        position += 1
        let base = memberStack.count
        defer { memberStack.removeSubrange(base...) }
        skipWhitespace()
        if consume(UInt8(ascii: "}")) {
            depth -= 1
            return .object(MesosJSONObject([]))
        }
        while true {
            skipWhitespace()
            guard position < input.count, input[position] == UInt8(ascii: "\"") else {
                throw syntaxError("expected a string key")
            }
            let key = try parseString()
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw syntaxError("expected ':' after a key") }
            skipWhitespace()
            let value: MesosJSONValue
            if depth == 1, let keptMember, key == keptMember, position < input.count, input[position] == UInt8(ascii: "\"") {
                let kept = try parseStringBytes()
                keptBytes = kept
                value = .string(String(decoding: kept, as: UTF8.self))
            } else {
                value = try parseValue()
            }
            memberStack.append(MesosJSONObject.Member(key: key, value: value))
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "}")) { break }
            throw syntaxError("expected ',' or '}' in an object")
        }
        depth -= 1
        return .object(MesosJSONObject(Array(memberStack[base...])))
    }

    private mutating func parseArray() throws(MesosJSONError) -> MesosJSONValue {
        try enter()
        position += 1
        let base = itemStack.count
        defer { itemStack.removeSubrange(base...) }
        skipWhitespace()
        if consume(UInt8(ascii: "]")) {
            depth -= 1
            return .array([])
        }
        while true {
            skipWhitespace()
            let item = try parseValue()
            itemStack.append(item)
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "]")) { break }
            throw syntaxError("expected ',' or ']' in an array")
        }
        depth -= 1
        return .array(Array(itemStack[base...]))
    }

    private mutating func enter() throws(MesosJSONError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw syntaxError("nested deeper than \(Self.maximumDepth) levels") }
    }

    // MARK: Strings

    private mutating func parseString() throws(MesosJSONError) -> String {
        position += 1  // the opening quote
        let start = position
        // Fast path: no escapes, so the bytes are the string.
        while position < input.count {
            let byte = input[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw syntaxError("unescaped control character in a string") }
            position += 1
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<position]))
        try parseStringRest()
        return String(decoding: scratch, as: UTF8.self)
    }

    /// A string's bytes with its escapes undone, not made valid UTF-8.
    private mutating func parseStringBytes() throws(MesosJSONError) -> [UInt8] {
        position += 1  // the opening quote
        scratch.removeAll(keepingCapacity: true)
        try parseStringRest()
        return scratch
    }

    /// Appends the rest of a string to `scratch`, escapes undone, and steps past its closing quote.
    private mutating func parseStringRest() throws(MesosJSONError) {
        while position < input.count {
            let byte = input[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return
            case UInt8(ascii: "\\"):
                position += 1
                try parseEscape()
            case 0..<0x20:
                throw syntaxError("unescaped control character in a string")
            default:
                scratch.append(byte)
                position += 1
            }
        }
        throw syntaxError("unterminated string")
    }

    private mutating func parseEscape() throws(MesosJSONError) {
        guard position < input.count else { throw syntaxError("unterminated string") }
        let byte = input[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try parseHex4())
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must pair with a low one to make a scalar beyond the BMP.
                guard position + 1 < input.count, input[position] == UInt8(ascii: "\\"),
                    input[position + 1] == UInt8(ascii: "u")
                else { throw syntaxError("unpaired surrogate in a \\u escape") }
                position += 2
                let low = UInt32(try parseHex4())
                guard (0xDC00..<0xE000).contains(low) else { throw syntaxError("unpaired surrogate in a \\u escape") }
                scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw syntaxError("unpaired surrogate in a \\u escape")
            }
            // Valid by construction: surrogates were excluded above.
            let unicodeScalar = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            scratch.append(contentsOf: UTF8.encode(unicodeScalar)!)
        default:
            throw syntaxError("invalid escape '\\\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private mutating func parseHex4() throws(MesosJSONError) -> UInt16 {
        guard position + 4 <= input.count else { throw syntaxError("expected four hex digits after \\u") }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = input[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw syntaxError("expected four hex digits after \\u")
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    // MARK: Numbers and literals

    private mutating func parseNumber() throws(MesosJSONError) -> String {
        let start = position
        guard let end = Self.numberEnd(input, from: position) else { throw syntaxError("malformed number") }
        position = end
        return String(decoding: UnsafeBufferPointer(rebasing: input[start..<end]), as: UTF8.self)
    }

    /// Where the JSON number starting at `start` ends, or nil when it is malformed:
    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func numberEnd<C: RandomAccessCollection>(_ bytes: C, from start: Int) -> Int?
    where C.Element == UInt8, C.Index == Int {
        var index = start
        func digits() -> Int {
            let first = index
            while index < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - first
        }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.endIndex else { return nil }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            return nil
        }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return nil }
        }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return nil }
        }
        return index
    }

    /// Whether `text` is exactly one JSON number: how a number sent as a string is recognised
    /// (Swift's own `Double("0x1p3")` and `Double("inf")` are wider than JSON).
    static func isNumber(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        return !utf8.isEmpty && numberEnd(utf8, from: 0) == utf8.count
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(MesosJSONError) {
        let count = literal.utf8CodeUnitCount
        guard position + count <= input.count else { throw syntaxError("expected a value") }
        for offset in 0..<count where input[position + offset] != literal.utf8Start[offset] {
            throw syntaxError("expected a value")
        }
        position += count
    }

    // MARK: Plumbing

    private mutating func skipWhitespace() {
        while position < input.count {
            switch input[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < input.count, input[position] == byte else { return false }
        position += 1
        return true
    }

    private func syntaxError(_ problem: String) -> MesosJSONError {
        MesosJSONError(problem: "invalid JSON at byte \(position): \(problem)")
    }
}
