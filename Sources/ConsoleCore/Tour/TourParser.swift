import CorralModel

/// What is wrong with a tour file, and on which line.
public struct TourProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public var description: String { "line \(line): \(message)" }
}

/// Reads a tour file: one directive per line, `#` starts a comment.
///
///     title Two-level scheduling
///     agent cpus:9;mem:18432
///     step A framework subscribes
///     focus offers
///     say Framework A subscribes and is offered whole agents.
///     do framework name=A task=cpus:1;mem:4096 count=3
///
/// `say` lines of a step join into its caption. `do` takes a verb and `key=value` words
/// (values with spaces in double quotes): see `TourActionParser` for the verbs.
public enum TourParser {
    public static let directives = ["title", "agent", "step", "focus", "say", "do"]

    public static func parse(_ text: String) throws(TourProblem) -> Tour {
        var tour = Tour(title: "", steps: [])
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let trimmed = raw.trimmingSpaces
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let (directive, rest) = trimmed.splitFirstWord
            switch directive {
            case "title": tour.title = rest
            case "agent": tour.agents.append(try agent(rest, line: line, count: tour.agents.count))
            case "step": tour.steps.append(TourStep(title: rest))
            case "focus", "say", "do":
                guard !tour.steps.isEmpty else { throw TourProblem(line: line, message: "'\(directive)' before the first 'step'") }
                try add(directive, rest, to: &tour.steps[tour.steps.count - 1], line: line)
            default:
                throw TourProblem(line: line, message: "unknown directive '\(directive.prefix(40))' (expected \(directives.joined(separator: ", ")))")
            }
        }
        guard !tour.steps.isEmpty else { throw TourProblem(line: 1, message: "a tour needs at least one 'step'") }
        if tour.title.isEmpty { tour.title = "Tour" }
        return tour
    }

    private static func add(_ directive: Substring, _ rest: String, to step: inout TourStep, line: Int) throws(TourProblem) {
        switch directive {
        case "focus":
            guard let pane = Pane.allCases.first(where: { $0.rawValue.lowercased() == rest.lowercased() }) else {
                throw TourProblem(line: line, message: "no pane '\(rest.prefix(40))' (expected \(Pane.allCases.map { $0.rawValue.lowercased() }.joined(separator: ", ")))")
            }
            step.focus = pane
        case "say":
            step.caption = step.caption.isEmpty ? rest : step.caption + " " + rest
            let lines = TourCaptionView.lines(step.caption, screenWidth: ConsoleView.minimumWidth).count
            guard lines <= TourCaptionView.maximumLines else {
                throw TourProblem(
                    line: line,
                    message: "the caption of step '\(step.title.prefix(40))' takes \(lines) lines on an \(ConsoleView.minimumWidth)-column screen, and only \(TourCaptionView.maximumLines) show: say less, or split the step")
            }
        default:
            do {
                step.actions.append(try TourActionParser.parse(rest))
            } catch {
                throw TourProblem(line: line, message: error.message)
            }
        }
    }

    /// One agent of the tour's cluster (at most 16), with its resources.
    private static func agent(_ rest: String, line: Int, count: Int) throws(TourProblem) -> Resources {
        guard count < 16 else { throw TourProblem(line: line, message: "a tour runs at most 16 agents") }
        do {
            let resources = try Resources(parsing: rest)
            guard resources.cpus > 0, resources.mem > 0 else { throw TourProblem(line: line, message: "agent needs cpus and mem, got '\(rest.prefix(60))'") }
            return resources
        } catch let problem as TourProblem {
            throw problem
        } catch {
            throw TourProblem(line: line, message: "agent: resources '\(rest.prefix(60))': \(error)")
        }
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }

    /// The first word, and the rest without its leading spaces.
    var splitFirstWord: (Substring, String) {
        let text = Substring(self)
        guard let space = text.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return (text, "") }
        return (text[..<space], text[space...].trimmingSpaces)
    }
}
