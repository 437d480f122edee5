import Testing

@testable import CorralModel

@Suite struct AttributePatternTests {
    @Test(arguments: [
        ("r[12]", "r1", true), ("r[12]", "r3", false), ("r[12]", "r12", false), ("rack-\\d+", "rack-42", true),
        ("a|b|cd", "cd", true), ("a|b|cd", "c", false), ("(ab)*c", "ababc", true), ("(ab)*c", "abac", false),
        ("x{2,3}", "xx", true), ("x{2,3}", "xxxx", false), ("x{2,}", "xxxxx", true), ("x{2}", "x", false),
        (".*", "", true), ("^h.*1$", "host1", true), ("[^a-c]+", "xyz", true), ("[^a-c]+", "xbz", false),
        ("\\w+\\.example\\.com", "db1.example.com", true), ("\\w+\\.example\\.com", "db1-example.com", false),
        ("(?:a|b)?c", "c", true), ("[]a]", "]", true), ("[a-]", "-", true), ("é+", "éé", true), ("colou?r", "color", true),
    ])
    func matchesWholeValuesAsJavaWould(_ pattern: String, _ text: String, _ expected: Bool) throws {
        #expect(try AttributePattern(pattern).matches(text) == expected)
    }

    /// Patterns that stall a backtracking engine or overflow a recursive parser: refused or
    /// matched at once, never hung or crashed.
    @Test func hostilePatternsNeitherStallNorCrash() throws {
        let long = String(repeating: "a", count: 5000) + "!"
        #expect(try AttributePattern("(a+)+$").matches(long) == false)
        #expect(try AttributePattern("((a*)*)*b").matches(long) == false)
        #expect(try AttributePattern("(a|aa)*c").matches(long) == false)
        #expect(throws: AttributePattern.Problem.self) { try AttributePattern(String(repeating: "[", count: 3000)) }
        #expect(throws: AttributePattern.Problem.self) { try AttributePattern(String(repeating: "(", count: 40) + "a" + String(repeating: ")", count: 40)) }
        #expect(throws: AttributePattern.Problem.self) { try AttributePattern("(a{1000}){1000}") }
        #expect(throws: AttributePattern.Problem.self) { try AttributePattern("(){1000}{1000}{1000}{1000}") }
        #expect(throws: AttributePattern.Problem.self) { try AttributePattern("a{99999999999999999999}") }
    }

    @Test func unsupportedSyntaxIsNamed() {
        for (pattern, words) in [("(a)\\1", "backreferences"), ("(?=a)", "lookaround"), ("a++", "possessive"), ("[[a]]", "nested"), ("*a", "nothing to repeat"), ("a)", "unbalanced")] {
            do {
                _ = try AttributePattern(pattern)
                Issue.record("\(pattern) was accepted")
            } catch {
                #expect(error.description.contains(words), "\(pattern): \(error)")
            }
        }
    }
}
