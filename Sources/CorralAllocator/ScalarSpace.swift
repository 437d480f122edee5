import CorralModel

/// Scalar resource names mapped to dense indices, so shares are computed over small arrays of
/// doubles instead of dictionaries of strings: the allocator does this thousands of times a cycle.
struct ScalarSpace: Sendable {
    private var indexByName: [String: Int] = [:]
    private(set) var names: [String] = []

    mutating func index(of name: String) -> Int {
        if let index = indexByName[name] { return index }
        names.append(name)
        indexByName[name] = names.count - 1
        return names.count - 1
    }

    func existingIndex(of name: String) -> Int? { indexByName[name] }

    /// The scalar totals of `resources` as a vector in this space (registering new names).
    mutating func vector(_ resources: Resources) -> ScalarVector {
        var vector = ScalarVector(count: names.count)
        for entry in resources {
            guard case .scalar(let amount) = entry.value else { continue }
            vector.add(amount, at: index(of: entry.name))
        }
        return vector
    }

    func vector(_ quantities: [String: Double]) -> ScalarVector {
        var vector = ScalarVector(count: names.count)
        for (name, amount) in quantities {
            if let index = indexByName[name] { vector.add(amount, at: index) }
        }
        return vector
    }
}

/// Quantities of scalar resources, indexed by a `ScalarSpace`. Grows when new names appear.
struct ScalarVector: Hashable, Sendable {
    private(set) var values: [Double]

    init(count: Int = 0) { values = Array(repeating: 0, count: count) }

    subscript(index: Int) -> Double { index < values.count ? values[index] : 0 }

    mutating func add(_ amount: Double, at index: Int) {
        if index >= values.count { values.append(contentsOf: repeatElement(0, count: index - values.count + 1)) }
        values[index] += amount
    }

    static func += (lhs: inout ScalarVector, rhs: ScalarVector) {
        for (index, amount) in rhs.values.enumerated() where amount != 0 { lhs.add(amount, at: index) }
    }

    static func -= (lhs: inout ScalarVector, rhs: ScalarVector) {
        for (index, amount) in rhs.values.enumerated() where amount != 0 { lhs.add(-amount, at: index) }
    }

    /// DRF's dominant share: the largest fraction this vector holds of any resource in `totals`.
    func dominantShare(of totals: ScalarVector) -> Double {
        var share = 0.0
        for (index, amount) in values.enumerated() where amount > 0 {
            let total = totals[index]
            if total > 0 { share = Swift.max(share, amount / total) }
        }
        return share
    }
}
