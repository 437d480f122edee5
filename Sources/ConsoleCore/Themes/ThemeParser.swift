import Yams

/// Reads one theme file's YAML into a `Theme`, noting every problem at its line and column.
/// Works on Yams' node tree (`compose`) rather than decoding, because nodes keep their marks.
struct ThemeParser {
    private let fileName: String
    private let lines: [Substring]
    private var palette: [String: ThemeColor] = [:]
    private var problems: [ThemeProblem] = []

    private static let topLevelKeys = ["name", "palette", "roles"]
    private static let styleKeys = ["fg", "bg", "bold", "dim", "underline", "reverse", "italic"]
    private static let attributes: [String: CellStyle.Attributes] = [
        "bold": .bold, "dim": .dim, "underline": .underline, "reverse": .reverse, "italic": .italic,
    ]
    private static let expectedColor = "expected a palette name, a standard colour name, #rrggbb or default"
    private static let hashHint = "a '#' starts a comment in YAML, so write hex colours in quotes: \"#rrggbb\""

    /// The theme `yaml` describes, or everything wrong with it.
    static func parse(_ yaml: String, id: String, fileName: String, source: Theme.Source) -> Result<Theme, BrokenThemeFile> {
        var parser = ThemeParser(fileName: fileName, lines: yaml.split(separator: "\n", omittingEmptySubsequences: false))
        let theme = parser.theme(from: yaml, id: id, source: source)
        if let theme, parser.problems.isEmpty { return .success(theme) }
        return .failure(BrokenThemeFile(problems: parser.problems))
    }

    private init(fileName: String, lines: [Substring]) {
        self.fileName = fileName
        self.lines = lines
    }

    // MARK: The document

    private mutating func theme(from yaml: String, id: String, source: Theme.Source) -> Theme? {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                report(line: 1, "the file is empty: a theme has 'name', 'palette' and 'roles'")
                return nil
            }
            root = node
        } catch {
            reportSyntax(error)
            return nil
        }
        guard let document = root.mapping else {
            report(at: root, "a theme is a mapping with 'name', 'palette' and 'roles', not \(Self.kind(of: root))")
            return nil
        }
        var name = id
        var paletteNode: Node?
        var rolesNode: Node?
        for (key, value) in document {
            switch key.scalar?.string {
            case "name":
                if let text = value.scalar?.string, value.null == nil { name = text } else {
                    report(at: value, "'name' should be text, such as \"Solarized dark\"")
                }
            case "palette": paletteNode = value
            case "roles": rolesNode = value
            default: report(at: key, unknown: "key", Self.describe(key), among: Self.topLevelKeys)
            }
        }
        // The palette first, wherever it is in the file: roles refer to it.
        if let paletteNode { readPalette(paletteNode) }
        guard let rolesNode else {
            report(line: 1, "no 'roles': a theme maps roles to styles, such as { task.running: green }")
            return nil
        }
        return Theme(id: id, name: name, source: source, roles: readRoles(rolesNode))
    }

    private mutating func readPalette(_ node: Node) {
        guard node.null == nil else { return }  // `palette:` with nothing under it
        guard let mapping = node.mapping else {
            report(at: node, "'palette' should be a mapping of names to colours, such as { bg: \"#1c1f26\" }")
            return
        }
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                report(at: key, "a palette name should be a plain word, not \(Self.kind(of: key))")
                continue
            }
            guard name.lowercased() != "default" else {
                report(at: key, "'default' is the terminal's own colour and cannot be redefined")
                continue
            }
            guard let text = colorText(value, for: name) else { continue }
            if let color = ThemeColor(text) {
                palette[name] = color
            } else {
                report(at: value, "'\(text)' is not a colour: a palette entry is #rrggbb, a standard colour name or default")
            }
        }
    }

    private mutating func readRoles(_ node: Node) -> [ThemeRole: RoleStyle] {
        guard let mapping = node.mapping else {
            report(at: node, "'roles' should be a mapping of roles to styles, such as { task.running: green }")
            return [:]
        }
        var roles: [ThemeRole: RoleStyle] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string, let role = ThemeRole(rawValue: name) else {
                report(at: key, unknown: "role", Self.describe(key), among: ThemeRole.allCases.map(\.rawValue))
                continue
            }
            if let style = roleStyle(value, for: name) { roles[role] = style }
        }
        return roles
    }

    // MARK: Styles and colours

    /// A role's style: a mapping of `fg`, `bg` and attributes, or a lone colour for the foreground.
    private mutating func roleStyle(_ node: Node, for role: String) -> RoleStyle? {
        if node.scalar != nil {
            guard let text = colorText(node, for: role), let color = color(named: text, at: node) else { return nil }
            return RoleStyle(foreground: color)
        }
        guard let mapping = node.mapping else {
            let kind = Self.kind(of: node)
            report(at: node, "'\(role)' should be a colour or a mapping such as { fg: green, bold: true }, not \(kind)")
            return nil
        }
        // A problem anywhere keeps the whole file out, so a bad entry is reported and skipped.
        var style = RoleStyle()
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            switch name {
            case "fg", "bg":
                guard let text = colorText(value, for: name), let color = color(named: text, at: value) else { continue }
                if name == "fg" { style.foreground = color } else { style.background = color }
            default:
                guard let attribute = Self.attributes[name] else {
                    report(at: key, unknown: "attribute", Self.describe(key), among: Self.styleKeys,
                           expected: "a style has \(Self.styleKeys.joined(separator: ", "))")
                    continue
                }
                guard let on = value.bool else {
                    report(at: value, "'\(name)' should be true or false, not \(Self.describe(value))")
                    continue
                }
                if on { style.attributes.insert(attribute) }
            }
        }
        return style
    }

    /// The text of a colour value, or nil (reported) when it is not text or is empty.
    private mutating func colorText(_ node: Node, for key: String) -> String? {
        guard let scalar = node.scalar else {
            report(at: node, "'\(key)' should be a colour, not \(Self.kind(of: node))")
            return nil
        }
        guard node.null == nil else {
            var message = "'\(key)' has no colour"
            if let line = node.mark?.line, lines.indices.contains(line - 1), lines[line - 1].contains("#") {
                message += ": " + Self.hashHint
            }
            report(at: node, message)
            return nil
        }
        return scalar.string
    }

    /// Resolves a colour written in a role: a palette name (which may redefine a standard name),
    /// a standard name, `#rrggbb` or `default`.
    private mutating func color(named text: String, at node: Node) -> ThemeColor? {
        if let color = palette[text] ?? ThemeColor(text) { return color }
        if text.hasPrefix("#") {
            report(at: node, "'\(text)' is not a colour: \(Self.expectedColor)")
        } else {
            report(at: node, unknown: "colour", text, among: palette.keys.sorted() + ThemeColor.standardNames + ["default"],
                   expected: Self.expectedColor)
        }
        return nil
    }

    // MARK: Reporting

    private mutating func report(line: Int?, column: Int? = nil, _ message: String) {
        problems.append(ThemeProblem(file: fileName, line: line, column: column, message: message))
    }

    private mutating func report(at node: Node, _ message: String) {
        report(line: node.mark?.line, column: node.mark?.column, message)
    }

    /// "unknown role 'task.runing' (did you mean 'task.running'?)", and what was expected when no
    /// name is close.
    private mutating func report(
        at node: Node, unknown what: String, _ name: String, among candidates: [String], expected: String? = nil
    ) {
        var message = "unknown \(what) '\(name)'"
        if let suggestion = closestName(to: name, among: candidates) {
            message += " (did you mean '\(suggestion)'?)"
        } else if let expected {
            message += ": " + expected
        } else {
            message += ": expected one of " + candidates.joined(separator: ", ")
        }
        report(at: node, message)
    }

    private mutating func reportSyntax(_ error: any Error) {
        guard let error = error as? YamlError else {
            report(line: nil, "cannot read YAML: \(error)")
            return
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "YAML syntax: \(problem)"
            if let context {
                message += " (\(context.text)"
                message += context.mark.line == mark.line ? ")" : " at line \(context.mark.line))"
            }
            let lineNumbers = [mark.line, context?.mark.line].compactMap { $0 }
            if lineNumbers.contains(where: { lines.indices.contains($0 - 1) && lines[$0 - 1].contains(" #") }) {
                message += "; " + Self.hashHint
            }
            report(line: mark.line, column: mark.column, message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let verb = duplicates.count == 1 ? "is" : "are"
            let message = "\(names) \(verb) given more than once in the same mapping"
            report(line: context.mark.line, column: context.mark.column, message)
        default:
            report(line: nil, "cannot read YAML: \(error)")
        }
    }

    private static func kind(of node: Node) -> String {
        switch node {
        case .scalar: "text"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    private static func describe(_ node: Node) -> String {
        node.scalar?.string ?? kind(of: node)
    }
}
