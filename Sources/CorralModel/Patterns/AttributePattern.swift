/// The regular expressions of LIKE and UNLIKE constraints (Marathon's and Chronos's), matched
/// against a whole attribute value or hostname.
///
/// A client chooses the pattern and the master's and frameworks' actors run it, so it must
/// neither stall nor crash them: Swift's `Regex` backtracks (`(a+)+$` takes exponential time)
/// and parses recursively (a few thousand `[` overflow the stack). This is the common subset
/// that placement constraints use — literals, `.`, classes with ranges and `\d \w \s`,
/// groups, `|`, `* + ? {m,n}` — compiled once into an automaton that matches in time
/// proportional to the text times the pattern (Thompson's construction), with bounded pattern
/// size and nesting. Backreferences and lookaround are refused by name.
public struct AttributePattern: Hashable, Sendable, CustomStringConvertible {
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static let maximumLength = 512
    public static let maximumNesting = 32
    static let maximumRepeat = 1000
    static let maximumProgram = 20_000

    public let pattern: String
    private let program: [Instruction]

    public var description: String { pattern }

    public init(_ pattern: String) throws(Problem) {
        let scalars = Array(pattern.unicodeScalars)
        guard scalars.count <= Self.maximumLength else {
            throw Problem(description: "pattern is \(scalars.count) characters long; at most \(Self.maximumLength) are allowed")
        }
        var parser = Parser(scalars: scalars)
        let tree = try parser.parseWhole()
        var compiler = Compiler()
        try compiler.emit(tree)
        compiler.program.append(.accept)
        self.pattern = pattern
        self.program = compiler.program
    }

    /// Whether the whole of `text` matches.
    public func matches(_ text: String) -> Bool {
        var current = StateSet(count: program.count)
        var next = StateSet(count: program.count)
        add(0, to: &current)
        for scalar in text.unicodeScalars {
            guard !current.isEmpty else { return false }
            next.clear()
            for pc in current.states {
                if case .match(let set) = program[pc], set.contains(scalar) { add(pc + 1, to: &next) }
            }
            swap(&current, &next)
        }
        return current.states.contains { program[$0] == .accept }
    }

    /// Adds `pc` and everything reachable from it without reading (splits, jumps), without
    /// recursion.
    private func add(_ start: Int, to set: inout StateSet) {
        var pending = [start]
        while let pc = pending.popLast() {
            guard set.insert(pc) else { continue }
            switch program[pc] {
            case .jump(let target): pending.append(target)
            case .split(let first, let second):
                pending.append(second)
                pending.append(first)
            case .match, .accept: break
            }
        }
    }

    // MARK: The automaton

    enum Instruction: Hashable, Sendable {
        case match(CharacterSet)
        case split(Int, Int)
        case jump(Int)
        case accept
    }

    struct CharacterSet: Hashable, Sendable {
        var ranges: [ClosedRange<UInt32>]
        var negated: Bool

        static let any = CharacterSet(ranges: [], negated: true)
        static func scalar(_ scalar: Unicode.Scalar) -> CharacterSet { CharacterSet(ranges: [scalar.value...scalar.value], negated: false) }
        static let digit: [ClosedRange<UInt32>] = [48...57]
        static let word: [ClosedRange<UInt32>] = [48...57, 65...90, 95...95, 97...122]
        static let space: [ClosedRange<UInt32>] = [9...13, 32...32]

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            ranges.contains { $0.contains(scalar.value) } != negated
        }
    }

    /// The states of the automaton alive at one point of the text, each once.
    struct StateSet {
        private(set) var states: [Int] = []
        private var member: [Bool]

        init(count: Int) { member = Array(repeating: false, count: count) }

        var isEmpty: Bool { states.isEmpty }

        mutating func insert(_ pc: Int) -> Bool {
            guard !member[pc] else { return false }
            member[pc] = true
            states.append(pc)
            return true
        }

        mutating func clear() {
            for pc in states { member[pc] = false }
            states.removeAll(keepingCapacity: true)
        }
    }

    indirect enum Node: Sendable {
        case set(CharacterSet)
        case sequence([Node])
        case choice([Node])
        case repeated(Node, min: Int, max: Int?)
    }

    // MARK: Parsing

    struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0
        var depth = 0

        init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        func problem(_ message: String) -> Problem { Problem(description: "\(message) at position \(index + 1)") }

        mutating func parseWhole() throws(Problem) -> Node {
            // The match is of the whole value anyway: anchors at the ends change nothing.
            if peek == "^" { index += 1 }
            let tree = try parseChoice()
            if peek == "$", index == scalars.count - 1 { index += 1 }
            guard index == scalars.count else { throw problem(peek == ")" ? "unbalanced ')'" : "unexpected '\(peek.map(String.init) ?? "")'") }
            return tree
        }

        mutating func parseChoice() throws(Problem) -> Node {
            var options = [try parseSequence()]
            while peek == "|" {
                index += 1
                options.append(try parseSequence())
            }
            return options.count == 1 ? options[0] : .choice(options)
        }

        mutating func parseSequence() throws(Problem) -> Node {
            var items: [Node] = []
            while let scalar = peek, scalar != "|", scalar != ")" {
                if scalar == "$", index == scalars.count - 1 { break }
                var atom = try parseAtom()
                while let quantifier = peek, "*+?{".unicodeScalars.contains(quantifier) {
                    atom = try parseQuantifier(on: atom)
                }
                items.append(atom)
            }
            return items.count == 1 ? items[0] : .sequence(items)
        }

        mutating func parseQuantifier(on atom: Node) throws(Problem) -> Node {
            guard let scalar = peek else { return atom }
            index += 1
            let result: Node
            switch scalar {
            case "*": result = .repeated(atom, min: 0, max: nil)
            case "+": result = .repeated(atom, min: 1, max: nil)
            case "?": result = .repeated(atom, min: 0, max: 1)
            default:
                let low = try parseNumber()
                var high: Int? = low
                if peek == "," {
                    index += 1
                    high = peek == "}" ? nil : try parseNumber()
                }
                guard peek == "}" else { throw problem("expected '}'") }
                index += 1
                if let high, high < low { throw problem("{\(low),\(high)} repeats fewer times at most than at least") }
                result = .repeated(atom, min: low, max: high)
            }
            // Lazy forms match the same whole strings; possessive ones are not supported.
            if peek == "?" { index += 1 } else if peek == "+" { throw problem("possessive quantifiers are not supported") }
            return result
        }

        mutating func parseNumber() throws(Problem) -> Int {
            var value = 0
            var digits = 0
            while let scalar = peek, ("0"..."9").contains(scalar) {
                value = value * 10 + Int(scalar.value - 48)
                digits += 1
                index += 1
                guard value <= AttributePattern.maximumRepeat else { throw problem("repetitions above \(AttributePattern.maximumRepeat) are not supported") }
            }
            guard digits > 0 else { throw problem("expected a number") }
            return value
        }

        mutating func parseAtom() throws(Problem) -> Node {
            guard let scalar = peek else { throw problem("unexpected end") }
            index += 1
            switch scalar {
            case "(":
                depth += 1
                guard depth <= AttributePattern.maximumNesting else { throw problem("groups nested deeper than \(AttributePattern.maximumNesting)") }
                if peek == "?" {
                    guard index + 1 < scalars.count, scalars[index + 1] == ":" else { throw problem("lookaround and named groups are not supported") }
                    index += 2
                }
                let inner = try parseChoice()
                guard peek == ")" else { throw problem("missing ')'") }
                index += 1
                depth -= 1
                return inner
            case "[": return .set(try parseClass())
            case ".": return .set(.any)
            case "\\": return .set(try parseEscape(inClass: false))
            case "*", "+", "?", "{": throw problem("'\(scalar)' has nothing to repeat")
            case "^", "$": throw problem("'\(scalar)' is supported only at the ends")
            default: return .set(.scalar(scalar))
            }
        }

        mutating func parseClass() throws(Problem) -> CharacterSet {
            var set = CharacterSet(ranges: [], negated: false)
            if peek == "^" {
                set.negated = true
                index += 1
            }
            var first = true
            while let scalar = peek, scalar != "]" || first {
                first = false
                index += 1
                var low: Unicode.Scalar = scalar
                switch scalar {
                case "[": throw problem("nested character classes are not supported")
                case "\\":
                    let escaped = try parseEscape(inClass: true)
                    guard escaped.ranges.count == 1, let only = escaped.ranges.first, only.lowerBound == only.upperBound,
                        let literal = Unicode.Scalar(only.lowerBound)
                    else {
                        set.ranges += escaped.ranges
                        continue
                    }
                    low = literal
                default: break
                }
                if peek == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                    index += 1
                    guard var high = peek else { throw problem("unfinished range") }
                    index += 1
                    if high == "\\" {
                        let escaped = try parseEscape(inClass: true)
                        guard let value = escaped.ranges.first?.lowerBound, let scalar = Unicode.Scalar(value) else { throw problem("bad range end") }
                        high = scalar
                    }
                    guard low.value <= high.value else { throw problem("range \(low)-\(high) is backwards") }
                    set.ranges.append(low.value...high.value)
                } else {
                    set.ranges.append(low.value...low.value)
                }
            }
            guard peek == "]" else { throw problem("missing ']'") }
            index += 1
            return set
        }

        mutating func parseEscape(inClass: Bool) throws(Problem) -> CharacterSet {
            guard let scalar = peek else { throw problem("'\\' at the end") }
            index += 1
            switch scalar {
            case "d": return CharacterSet(ranges: CharacterSet.digit, negated: false)
            case "D": return CharacterSet(ranges: CharacterSet.digit, negated: true)
            case "w": return CharacterSet(ranges: CharacterSet.word, negated: false)
            case "W": return CharacterSet(ranges: CharacterSet.word, negated: true)
            case "s": return CharacterSet(ranges: CharacterSet.space, negated: false)
            case "S": return CharacterSet(ranges: CharacterSet.space, negated: true)
            case "n": return .scalar("\n")
            case "t": return .scalar("\t")
            case "r": return .scalar("\r")
            default:
                guard !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) else {
                    throw problem("'\\\(scalar)' is not supported (backreferences, word boundaries and Unicode classes are not)")
                }
                return .scalar(scalar)
            }
        }
    }

    // MARK: Compiling

    struct Compiler {
        var program: [Instruction] = []
        /// Nodes emitted so far: `(){1000}{1000}{1000}` emits nothing a trillion times, so
        /// the program's size alone cannot bound the work.
        var emitted = 0

        mutating func emit(_ node: Node) throws(Problem) {
            emitted += 1
            guard program.count <= AttributePattern.maximumProgram, emitted <= 4 * AttributePattern.maximumProgram else {
                throw Problem(description: "pattern expands to more than \(AttributePattern.maximumProgram) steps; repeat less")
            }
            switch node {
            case .set(let set):
                program.append(.match(set))
            case .sequence(let items):
                for item in items { try emit(item) }
            case .choice(let options):
                // split L1, next; L1: option; jump end; next: split …
                var jumps: [Int] = []
                for (offset, option) in options.enumerated() {
                    if offset < options.count - 1 {
                        let split = program.count
                        program.append(.split(split + 1, 0))
                        try emit(option)
                        jumps.append(program.count)
                        program.append(.jump(0))
                        program[split] = .split(split + 1, program.count)
                    } else {
                        try emit(option)
                    }
                }
                for jump in jumps { program[jump] = .jump(program.count) }
            case .repeated(let inner, let min, let max):
                for _ in 0..<min { try emit(inner) }
                if let max {
                    var splits: [Int] = []
                    for _ in min..<max {
                        splits.append(program.count)
                        program.append(.split(program.count + 1, 0))
                        try emit(inner)
                    }
                    for split in splits { program[split] = .split(split + 1, program.count) }
                } else {
                    let loop = program.count
                    program.append(.split(loop + 1, 0))
                    try emit(inner)
                    program.append(.jump(loop))
                    program[loop] = .split(loop + 1, program.count)
                }
            }
        }
    }
}
