/// A dialog of labelled text fields, one of them holding the cursor, checked when Enter is
/// pressed. The launch and new-app dialogs share their keys (`handle`) and their drawing
/// (`FormDialogView`) through this; each says only what its fields are and what they mean.
public protocol FormDialog: Hashable, Sendable {
    associatedtype Field: FormField
    associatedtype Output

    /// The dialog's title.
    var title: String { get }
    /// What Enter does, on the dialog's button: "Launch", "Create".
    var submitLabel: String { get }
    var values: [Field: String] { get set }
    var focused: Field { get set }
    /// The problems found by the last Enter, shown inside the dialog.
    var errors: [String] { get set }
    /// Shown in an empty field without the cursor, to say what leaving it empty means.
    func placeholder(for field: Field) -> String?
    /// What the form describes, or the problems with it (each naming the field and the value).
    func validated() -> Result<Output, FormErrors>
}

/// A form's fields, in the order Tab visits them.
public protocol FormField: CaseIterable, Hashable, Sendable where AllCases == [Self] {
    var label: String { get }
}

public struct FormErrors: Error, Hashable, Sendable {
    public var messages: [String]
}

/// What a key did to a form.
public enum FormOutcome<Output> {
    case editing
    case cancelled
    /// Enter on a valid form.
    case submitted(Output)
}

extension FormDialog {
    public subscript(field: Field) -> String {
        get { values[field] ?? "" }
        set { values[field] = newValue }
    }

    /// Tab and arrows move between fields, typing edits the focused one, Enter checks the form
    /// (keeping it open with its errors when invalid), Esc cancels.
    public mutating func handle(_ key: Key) -> FormOutcome<Output> {
        let fields = Field.allCases
        let index = fields.firstIndex(of: focused) ?? 0
        switch key {
        case .escape:
            return .cancelled
        case .tab, .down:
            focused = fields[(index + 1) % fields.count]
        case .backTab, .up:
            focused = fields[(index + fields.count - 1) % fields.count]
        case .backspace:
            _ = values[focused]?.popLast()
        case .control("u"):
            self[focused] = ""
        case .character(let character):
            self[focused].append(character)
        case .enter:
            switch validated() {
            case .success(let output): return .submitted(output)
            case .failure(let problems): errors = problems.messages
            }
        default:
            break
        }
        return .editing
    }

    /// The field's text without surrounding spaces.
    func trimmed(_ field: Field) -> String { self[field].trimmingCharacters(in: " ") }

    /// The field as a finite number above zero, or nil.
    func positiveNumber(_ field: Field) -> Double? {
        guard let value = Double(trimmed(field)), value.isFinite, value > 0 else { return nil }
        return value
    }

    /// The field as a whole number in `range`, or nil.
    func wholeNumber(_ field: Field, in range: ClosedRange<Int>) -> Int? {
        guard let value = Int(trimmed(field)), range.contains(value) else { return nil }
        return value
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var text = Substring(self)
        while text.first == set { text = text.dropFirst() }
        while text.last == set { text = text.dropLast() }
        return String(text)
    }
}
