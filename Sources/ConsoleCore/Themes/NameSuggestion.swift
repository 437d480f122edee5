/// The candidate a few typos away from `name`, for "did you mean …?" messages; nil when none is
/// close enough to be a likely intent (at most one edit per three characters).
func closestName(to name: String, among candidates: some Sequence<String>) -> String? {
    let typed = Array(name.lowercased())
    let allowed = max(1, typed.count / 3)
    var best: (name: String, distance: Int)?
    for candidate in candidates {
        let distance = editDistance(typed, Array(candidate.lowercased()))
        if distance <= allowed, distance < best?.distance ?? .max { best = (candidate, distance) }
    }
    return best?.name
}

/// Levenshtein distance: the fewest insertions, deletions and substitutions turning `a` into `b`.
private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    guard !a.isEmpty else { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in b.indices {
            let substitution = previous[j] + (a[i - 1] == b[j] ? 0 : 1)
            current[j + 1] = min(substitution, previous[j + 1] + 1, current[j] + 1)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
