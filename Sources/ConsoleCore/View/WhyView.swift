import CorralModel

/// `w`: the allocator's reasons for a framework or an offer, in sentences with their numbers,
/// wrapped to the screen. The reasons are those of the moment they were asked; `w` asks again.
enum WhyView {
    static func draw(_ subject: WhySubject, model: ConsoleModel, on canvas: inout Canvas, in rect: Rect) {
        let inside = canvas.box(rect, title: title(subject, model: model), focused: true)
        if let (source, lines) = live(subject, model: model) {
            canvas.text("Live, from \(source) · Esc goes back", x: inside.x + 1, y: inside.y, width: inside.width - 2, role: .muted)
            write(lines, role: .base, on: &canvas, in: Rect(x: inside.x, y: inside.y + 2, width: inside.width, height: inside.height - 2))
            return
        }
        let asked = model.why.map { panel in
            if case .framework = panel.subject { return "As of \(Format.clock(panel.askedAt)), asked again with every refresh · Esc goes back" }
            return "Asked at \(Format.clock(panel.askedAt)) · w asks again · Esc goes back"
        } ?? ""
        canvas.text(asked, x: inside.x + 1, y: inside.y, width: inside.width - 2, role: .muted)
        guard let answer = model.why?.answer else {
            canvas.text("Asking the master…", x: inside.x + 1, y: inside.y + 2, width: inside.width - 2, role: .muted)
            return
        }
        let role: ThemeRole = if case .unavailable = answer { .muted } else { .base }
        write(WhySentences.lines(for: answer), role: role, on: &canvas, in: Rect(x: inside.x, y: inside.y + 2, width: inside.width, height: inside.height - 2))
    }

    /// An app's or a job's reasons, from their rows as they are now; nil for the master's subjects.
    static func live(_ subject: WhySubject, model: ConsoleModel) -> (source: String, lines: [String])? {
        switch subject {
        case .app(let id):
            return ("Services", model.services?.first { $0.id == id }.map { WhySentences.app($0) } ?? ["Services does not know app \(id) (any more)."])
        case .job(let name):
            return ("Jobs", model.jobs?.first { $0.name == name }.map { WhySentences.job($0, now: model.now) } ?? ["Jobs does not know job \(name) (any more)."])
        case .framework, .offer:
            return nil
        }
    }

    static func write(_ lines: [String], role: ThemeRole, on canvas: inout Canvas, in rect: Rect) {
        var y = rect.y
        for line in lines {
            for part in wrap(line, width: rect.width - 2) where y < rect.maxY {
                canvas.text(part, x: rect.x + 1, y: y, width: rect.width - 2, role: role)
                y += 1
            }
        }
    }

    static func title(_ subject: WhySubject, model: ConsoleModel) -> String {
        switch subject {
        case .framework(let id):
            let name = model.snapshot?.frameworks.first { $0.id == id }?.info.name
            return "Why: framework \(name ?? Format.shortID(id.value))"
        case .offer(let id):
            return "Why: offer \(Format.shortID(id.value))"
        case .app(let id):
            return "Why: app \(id)"
        case .job(let name):
            return "Why: job \(name)"
        }
    }

    /// `text` in lines of at most `width` characters, broken at spaces where it can be; an
    /// indented line keeps its indent on the lines it wraps to, plus `hanging`. An empty line
    /// stays one.
    static func wrap(_ text: String, width: Int, hanging: String = "  ") -> [String] {
        guard width > 8, text.count > width else { return [text] }
        let indent = String(text.prefix { $0 == " " })
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = current.isEmpty ? indent + word : current + " " + word
            if candidate.count <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = indent + hanging + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
