import PropertyBased

/// Mutations of real samples: numbers and strings swapped for the values that break parsers
/// and arithmetic, spans cut, doubled and truncated, bytes flipped, values nested deep.
enum Mutation {
    static let numbers = [
        "-1", "0", "1e300", "-1e300", "1e-300", "1e400", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "18446744073709551615", "18446744073709551616", "4294967295", "4294967296",
        "2147483648", "65535", "65536", "0.5", "-0.0", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "null", "true",
        "\"\"", "[]", "{}", "\"1e300\"", "123456789012345678901234567890",
    ]
    static let strings = [
        "", " ", ".", "..", "/", "a/b", "../../../../etc/passwd", "\\u0000", "\\ud800", "é", "\\\"", "*",
        String(repeating: "a", count: 4000), "[1-18446744073709551615]", "cpus:1e300;mem:-5", "ports:[5-1]",
        "R/2020-01-01T00:00:00Z/PT0S", "R-1//P1D", "P9999999999999Y", "PT1e300S", "9999-99-99T99:99:99Z",
        "(a+)+$", "((a*)*)*b", "[", "hostname", "LIKE", "UNIQUE", "GROUP_BY", "MAX_PER", "CLUSTER", "-1", "TCP", "COMMAND",
    ]

    /// A generator of mutated samples.
    static func of(_ samples: [String]) -> Generator<String, some SendableSequenceType> {
        zip(Gen.element(of: samples), Gen.int(in: 0...Int.max).array(of: 1...4)).map { sample, choices in
            mutate(sample ?? "", choices: choices)
        }
    }

    /// `sample` changed once per choice; the same choices always give the same text.
    static func mutate(_ sample: String, choices: [Int]) -> String {
        var bytes = Array(sample.utf8)
        for choice in choices {
            let position = bytes.isEmpty ? 0 : (choice >> 4) % bytes.count
            let pick = choice >> 20
            switch choice % 9 {
            case 0, 1:
                replaceToken(in: &bytes, at: position, isNumber: true, with: numbers[pick % numbers.count])
            case 2, 3:
                replaceToken(in: &bytes, at: position, isNumber: false, with: strings[pick % strings.count])
            case 4:
                let end = min(bytes.count, position + 1 + pick % 16)
                bytes.removeSubrange(position..<end)
            case 5:
                let end = min(bytes.count, position + 1 + pick % 64)
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            case 6:
                if !bytes.isEmpty { bytes[position] = UInt8(truncatingIfNeeded: pick) }
            case 7:
                bytes.removeSubrange(position..<bytes.count)
            default:
                let depth = 1 + pick % 3000
                let open = bytes.indices.contains(position) && bytes[position] == UInt8(ascii: "{") ? "{\"a\":" : "["
                let close = open == "[" ? "]" : "}"
                bytes.insert(contentsOf: Array(String(repeating: open, count: depth).utf8), at: position)
                let end = min(bytes.count, position + depth * open.utf8.count + 1)
                bytes.insert(contentsOf: Array(String(repeating: close, count: depth).utf8), at: end)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Replaces the number or string literal around `position` (the next one after it).
    private static func replaceToken(in bytes: inout [UInt8], at position: Int, isNumber: Bool, with replacement: String) {
        let quote = UInt8(ascii: "\"")
        func isNumberByte(_ byte: UInt8) -> Bool { (48...57).contains(byte) || byte == 45 || byte == 46 || byte == 101 || byte == 69 || byte == 43 }
        var start = position
        if isNumber {
            while start < bytes.count, !isNumberByte(bytes[start]) { start += 1 }
            guard start < bytes.count else { return }
            var end = start
            while end < bytes.count, isNumberByte(bytes[end]) { end += 1 }
            bytes.replaceSubrange(start..<end, with: Array(replacement.utf8))
        } else {
            while start < bytes.count, bytes[start] != quote { start += 1 }
            guard start < bytes.count else { return }
            var end = start + 1
            while end < bytes.count, bytes[end] != quote { end += 1 }
            guard end < bytes.count else { return }
            bytes.replaceSubrange((start + 1)..<end, with: Array(replacement.utf8))
        }
    }
}
