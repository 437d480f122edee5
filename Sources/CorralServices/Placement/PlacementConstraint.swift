import CorralModel

/// A Marathon placement constraint on `hostname` or an agent attribute:
/// `["hostname","UNIQUE"]`, `["rack","CLUSTER","r1"]`, `["rack","GROUP_BY","3"]`,
/// `["rack","LIKE","r[12]"]`, `["rack","UNLIKE","r3"]`, `["rack","MAX_PER","2"]`.
public struct PlacementConstraint: Hashable, Sendable, CustomStringConvertible {
    public enum Operator: String, Hashable, Sendable, CaseIterable {
        case unique = "UNIQUE"
        case cluster = "CLUSTER"
        case groupBy = "GROUP_BY"
        case like = "LIKE"
        case unlike = "UNLIKE"
        case maxPer = "MAX_PER"
    }

    public var field: String
    public var op: Operator
    public var value: String?
    /// LIKE's and UNLIKE's pattern, compiled once; nil for the other operators (and for a
    /// pattern that does not compile, which `init(marathon:)` refuses).
    public let pattern: AttributePattern?

    public init(field: String, op: Operator, value: String? = nil) {
        self.field = field
        self.op = op
        self.value = value
        self.pattern = (op == .like || op == .unlike) ? value.flatMap { try? AttributePattern($0) } : nil
    }

    /// From Marathon's JSON form, checking what each operator needs.
    public init(marathon parts: [String]) throws(PlacementConstraintError) {
        guard parts.count == 2 || parts.count == 3, !parts[0].isEmpty else {
            throw PlacementConstraintError(constraint: parts, problem: "expected [field, operator] or [field, operator, value]")
        }
        guard let op = Operator(rawValue: parts[1].uppercased()) else {
            throw PlacementConstraintError(constraint: parts, problem: "unknown operator '\(parts[1])'; expected one of \(Operator.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let value = parts.count == 3 ? parts[2] : nil
        switch op {
        case .like, .unlike:
            guard let value else { throw PlacementConstraintError(constraint: parts, problem: "\(op.rawValue) needs a regular expression") }
            do { _ = try AttributePattern(value) } catch {
                throw PlacementConstraintError(constraint: parts, problem: "'\(value)' is not a supported regular expression: \(error)")
            }
        case .maxPer:
            guard let value, let count = Int(value), count > 0 else {
                throw PlacementConstraintError(constraint: parts, problem: "MAX_PER needs a positive whole number, got '\(value ?? "")'")
            }
        case .groupBy:
            if let value, (Int(value) ?? 0) < 1 {
                throw PlacementConstraintError(constraint: parts, problem: "GROUP_BY takes a positive number of groups, got '\(value)'")
            }
        case .unique, .cluster:
            break
        }
        self.init(field: parts[0], op: op, value: value)
    }

    public var marathon: [String] { [field, op.rawValue] + (value.map { [$0] } ?? []) }
    public var description: String { marathon.joined(separator: ":") }
}

public struct PlacementConstraintError: Error, Equatable, CustomStringConvertible {
    public var constraint: [String]
    public var problem: String
    public var description: String { "invalid constraint \(constraint): \(problem)" }
}
