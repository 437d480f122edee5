extension ThemeRole {
    /// The role's position in `allCases`, so per-role tables can be arrays. An enum without
    /// payloads is stored as its case number in declaration order, which is `allCases` order (a
    /// test holds this); `unsafeBitCast` traps if the enum ever outgrows one byte.
    @inline(__always)
    var ordinal: Int { Int(unsafeBitCast(self, to: UInt8.self)) }
}
