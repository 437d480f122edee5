import CorralModel

/// A `do` line's verb and `key=value` words, each value checked where it enters: a tour file
/// is input like any other.
enum TourActionParser {
    struct Problem: Error {
        var message: String
    }

    static let verbs = ["framework", "weight", "decline", "suppress", "revive", "teardown", "app", "job", "kill-agent", "replay"]

    static func parse(_ text: String) throws(Problem) -> TourAction {
        let words = try words(of: text)
        guard let verb = words.first else { throw Problem(message: "'do' needs a verb (\(verbs.joined(separator: ", ")))") }
        var arguments = try Arguments(verb: verb, words: words.dropFirst())
        let action = try action(verb, &arguments)
        try arguments.checkAllUsed()
        return action
    }

    private static func action(_ verb: String, _ arguments: inout Arguments) throws(Problem) -> TourAction {
        switch verb {
        case "framework":
            return .framework(
                name: try arguments.name("name"), role: try arguments.role("role", default: "*"), task: try arguments.resources("task"),
                count: try arguments.integer("count", in: 1...1000, default: 1), command: arguments.text("cmd", default: "sleep 3600"),
                suppressed: try arguments.flag("suppressed"))
        case "weight":
            return .weight(role: try arguments.role("role"), weight: try arguments.number("weight", in: 0.001...1000))
        case "decline":
            return .decline(framework: try arguments.name("name"), seconds: try arguments.number("seconds", in: 0...3600))
        case "suppress": return .suppress(framework: try arguments.name("name"))
        case "revive": return .revive(framework: try arguments.name("name"))
        case "teardown": return .teardown(framework: try arguments.name("name"))
        case "app":
            let app = NewAppSpec(
                id: try arguments.name("id"), command: try arguments.required("cmd"), cpus: try arguments.number("cpus", in: 0.01...64, default: 0.1),
                mem: try arguments.number("mem", in: 1...65536, default: 32), instances: try arguments.integer("instances", in: 0...100, default: 1),
                healthCommand: arguments.optional("health"))
            return .app(app, backoffSeconds: try arguments.optionalNumber("backoff", in: 0.1...300))
        case "job":
            return .job(TourJob(
                name: try arguments.name("name"), command: try arguments.required("cmd"), schedule: arguments.optional("schedule"),
                parents: arguments.optional("parents")?.split(separator: ",").map(String.init) ?? []))
        case "kill-agent":
            return .killAgent(try arguments.integer("agent", in: 1...16))
        case "replay":
            return .replay(seconds: try arguments.optionalNumber("seconds", in: 1...3600))
        default:
            throw Problem(message: "unknown verb '\(verb.prefix(40))' (expected \(verbs.joined(separator: ", ")))")
        }
    }

    /// Words split on spaces; a double-quoted word keeps its spaces (`\"` is a quote in it).
    static func words(of text: String) throws(Problem) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        var started = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if quoted && character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
                started = true
            } else if !quoted && (character == " " || character == "\t") {
                if started { words.append(current) }
                current = ""
                started = false
            } else {
                current.append(character)
                started = true
            }
        }
        guard !quoted else { throw Problem(message: "a double quote is not closed") }
        if started { words.append(current) }
        return words
    }
}

/// The `key=value` words of one `do` line; every key must be used, so a misspelt one is an
/// error rather than a silent default.
struct Arguments {
    let verb: String
    private var values: [String: String] = [:]
    private var used: Set<String> = []

    init(verb: String, words: ArraySlice<String>) throws(TourActionParser.Problem) {
        self.verb = verb
        for word in words {
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else {
                throw TourActionParser.Problem(message: "\(verb): expected key=value, got '\(word.prefix(40))'")
            }
            let key = String(word[..<equals])
            guard values[key] == nil else { throw TourActionParser.Problem(message: "\(verb): '\(key.prefix(40))' given twice") }
            values[key] = String(word[word.index(after: equals)...])
        }
    }

    mutating func optional(_ key: String) -> String? {
        used.insert(key)
        return values[key]
    }

    mutating func text(_ key: String, default value: String) -> String { optional(key) ?? value }

    mutating func required(_ key: String) throws(TourActionParser.Problem) -> String {
        guard let value = optional(key), !value.isEmpty else { throw TourActionParser.Problem(message: "\(verb) needs \(key)=…") }
        return value
    }

    /// A name of printable characters without spaces, at most 64 of them.
    mutating func name(_ key: String, default value: String? = nil) throws(TourActionParser.Problem) -> String {
        guard let name = optional(key) ?? value, !name.isEmpty else { throw TourActionParser.Problem(message: "\(verb) needs \(key)=…") }
        guard name.count <= 64, name.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw TourActionParser.Problem(message: "\(verb): \(key) must be up to 64 printable characters without spaces, got '\(name.prefix(40))'")
        }
        return name
    }

    /// A role as Mesos allows it (no `.`, `..`, leading `-`, slashes at the ends, …).
    mutating func role(_ key: String, default value: String? = nil) throws(TourActionParser.Problem) -> String {
        let role = try name(key, default: value)
        if let problem = RoleName.problem(role) { throw TourActionParser.Problem(message: "\(verb): \(key) '\(role)': \(problem)") }
        return role
    }

    mutating func number(_ key: String, in range: ClosedRange<Double>, default value: Double? = nil) throws(TourActionParser.Problem) -> Double {
        if let number = try optionalNumber(key, in: range) { return number }
        guard let value else { throw TourActionParser.Problem(message: "\(verb) needs \(key)=…") }
        return value
    }

    mutating func optionalNumber(_ key: String, in range: ClosedRange<Double>) throws(TourActionParser.Problem) -> Double? {
        guard let text = optional(key) else { return nil }
        guard let number = Double(text), number.isFinite, range.contains(number) else {
            throw TourActionParser.Problem(message: "\(verb): \(key) must be a number from \(formatScalar(range.lowerBound)) to \(formatScalar(range.upperBound)), got '\(text.prefix(40))'")
        }
        return number
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>, default value: Int? = nil) throws(TourActionParser.Problem) -> Int {
        guard let text = optional(key) else {
            guard let value else { throw TourActionParser.Problem(message: "\(verb) needs \(key)=…") }
            return value
        }
        guard let number = Int(text), range.contains(number) else {
            throw TourActionParser.Problem(message: "\(verb): \(key) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text.prefix(40))'")
        }
        return number
    }

    /// `true` or `false`; false when not given.
    mutating func flag(_ key: String) throws(TourActionParser.Problem) -> Bool {
        switch optional(key) {
        case nil, "false": return false
        case "true": return true
        case let other?: throw TourActionParser.Problem(message: "\(verb): \(key) must be true or false, got '\(other.prefix(40))'")
        }
    }

    mutating func resources(_ key: String) throws(TourActionParser.Problem) -> Resources {
        let text = try required(key)
        do {
            let resources = try Resources(parsing: text)
            guard !resources.isEmpty else { throw TourActionParser.Problem(message: "\(verb): \(key) is empty") }
            return resources
        } catch let problem as TourActionParser.Problem {
            throw problem
        } catch {
            throw TourActionParser.Problem(message: "\(verb): \(key) '\(text.prefix(60))': \(error)")
        }
    }

    func checkAllUsed() throws(TourActionParser.Problem) {
        let unknown = Set(values.keys).subtracting(used).sorted()
        guard unknown.isEmpty else { throw TourActionParser.Problem(message: "\(verb): unknown \(unknown.count == 1 ? "key" : "keys") \(unknown.joined(separator: ", "))") }
    }
}
