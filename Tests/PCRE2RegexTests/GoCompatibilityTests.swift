import PCRE2Regex
import Testing

@Suite struct GoCompatibilityTests {
    @Test(arguments: goCases)
    func matchesGo(_ c: GoCase) throws {
        if let expected = c.error {
            #expect(throws: RegexError.self) { try PCRE2Pattern(c.pattern) }
            do {
                _ = try PCRE2Pattern(c.pattern)
            } catch {
                #expect(error.message == expected)
            }
            return
        }
        let re = try PCRE2Pattern(c.pattern)
        let all = re.allMatches(in: c.subject).map { m in
            m.groups.flatMap { r in r.map { [$0.lowerBound, $0.upperBound] } ?? [-1, -1] }
        }
        #expect(all == c.all)
        #expect(re.matches(c.subject) == !c.all.isEmpty)
        #expect(re.replaceAll(in: c.subject, with: c.template) == c.replaced)
        #expect(re.split(c.subject) == c.split)
        // The byte-array entry points agree with the string ones.
        let bytes = Array(c.subject.utf8)
        #expect(re.allMatches(in: bytes).map(\.groups) == re.allMatches(in: c.subject).map(\.groups))
        #expect(re.replaceAll(in: bytes, with: c.template) == Array(c.replaced.utf8))
    }
}
