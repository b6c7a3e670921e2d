import PCRE2Regex
import Testing

@Suite struct PCRE2PatternTests {
    // MARK: - Compiling

    @Test func groupNames() throws {
        let re = try PCRE2Pattern(#"(?P<year>\d{4})-(\d{2})(?<day>-\d{2})?"#)
        #expect(re.captureCount == 3)
        #expect(re.captureNames == [nil, "year", nil, "day"])
        #expect(re.groupIndex(named: "day") == 3)
        #expect(re.groupIndex(named: "nope") == nil)
    }

    @Test func namesMayStartWithDigitsAndRepeat() throws {
        let re = try PCRE2Pattern("(?P<1x>a)(?P<n>b)?(?P<n>c)")
        #expect(re.captureNames == [nil, "1x", "n", "n"])
        #expect(re.replaceAll(in: "ac", with: "[$1x|$n]") == "[a|c]")
    }

    @Test(arguments: [
        (#"(a)\1"#, "error parsing regexp: invalid escape sequence: `\\1`"),
        ("(?=x)", "error parsing regexp: invalid or unsupported Perl syntax: `(?=`"),
        ("(?<=x)y", "error parsing regexp: invalid named capture: `(?<=x)y`"),
        ("(?<!x>y)", "error parsing regexp: invalid named capture: `(?<!x>`"),
        ("a++", "error parsing regexp: invalid nested repetition operator: `++`"),
        (#"\p{Klingon}"#, "error parsing regexp: invalid character class range: `\\p{Klingon}`"),
        ("x{1001}", "error parsing regexp: invalid repeat count: `{1001}`"),
        ("(x{10}){101}", "error parsing regexp: invalid repeat count: `{101}`"),
        ("(?x)a", "error parsing regexp: invalid or unsupported Perl syntax: `(?x`"),
        (#"\K"#, "error parsing regexp: invalid escape sequence: `\\K`"),
        ("(*UTF)", "error parsing regexp: missing argument to repetition operator: `*`"),
    ])
    func rejectsWhatGoRejects(_ pattern: String, _ message: String) {
        #expect(throws: RegexError.self) { try PCRE2Pattern(pattern) }
        do {
            _ = try PCRE2Pattern(pattern)
        } catch {
            #expect(error.message == message)
            #expect(error.description == message)
        }
    }

    @Test func modernGoSyntax() throws {
        // Go 1.22 added `(?<name>...)`; later versions added long category names and ASCII.
        #expect(try PCRE2Pattern("(?<w>[a-z]+)").replaceAll(in: "hi there", with: "<$w>") == "<hi> <there>")
        #expect(try PCRE2Pattern(#"\p{Letter}+"#).allMatchStrings(in: "ab1cd") == ["ab", "cd"])
        #expect(try PCRE2Pattern(#"\p{ASCII}+"#).allMatchStrings(in: "abé") == ["ab"])
        #expect(try PCRE2Pattern(#"(?i)\p{Lu}+"#).allMatchStrings(in: "aB1") == ["aB"])
    }

    // MARK: - Go semantics

    @Test func classesAreASCII() throws {
        #expect(try PCRE2Pattern(#"\d+"#).allMatchStrings(in: "12٣4") == ["12", "4"])
        #expect(try PCRE2Pattern(#"\w+"#).allMatchStrings(in: "héllo") == ["h", "llo"])
        // Go's \s leaves out the vertical tab; [[:space:]] includes it.
        #expect(try PCRE2Pattern(#"\s"#).matches("\u{0B}") == false)
        #expect(try PCRE2Pattern("[[:space:]]").matches("\u{0B}"))
        #expect(try PCRE2Pattern(#"\v"#).matches("\u{0B}"))
    }

    @Test func dollarMatchesOnlyAtTheEnd() throws {
        #expect(try PCRE2Pattern("a$").matches("a\n") == false)
        #expect(try PCRE2Pattern("(?m)a$").matches("a\n"))
        #expect(try PCRE2Pattern("(?m)^").allMatches(in: "a\n").map(\.range) == [0..<0, 2..<2])
    }

    @Test func emptyMatchesFollowGo() throws {
        let re = try PCRE2Pattern("x*")
        #expect(re.replaceAll(in: "abc", with: "-") == "-a-b-c-")
        #expect(try PCRE2Pattern("a*").replaceAll(in: "baaac", with: "-") == "-b-c-")
        #expect(try PCRE2Pattern("a*").allMatchStrings(in: "baaac") == ["", "aaa", ""])
        #expect(try PCRE2Pattern("").allMatches(in: "é").map(\.range) == [0..<0, 2..<2])
    }

    @Test func limits() throws {
        let re = try PCRE2Pattern("[0-9]")
        #expect(re.allMatchStrings(in: "a1b2c3", limit: 2) == ["1", "2"])
        #expect(re.allMatches(in: "a1b2c3", limit: 0).isEmpty)
        #expect(re.split("a1b2c3", limit: 2) == ["a", "b2c3"])
        #expect(re.split("a1b2c3", limit: 0) == [])
        #expect(re.split("", limit: -1) == [""])
        #expect(try PCRE2Pattern("").split("", limit: -1) == [])
    }

    // MARK: - Results

    @Test func firstMatchGroups() throws {
        let re = try PCRE2Pattern("(a)|(b)")
        let m = try #require(re.firstMatch(in: "xb"))
        #expect(m.range == 1..<2)
        #expect(m.groups == [1..<2, nil, 1..<2])
        #expect(m.string(0, in: "xb") == "b")
        #expect(m.string(1, in: "xb") == nil)
        #expect(m.string(5, in: "xb") == nil)
        #expect(re.firstSubmatchStrings(in: "xb") == ["b", nil, "b"])
        #expect(re.firstMatch(in: "xyz") == nil)
        #expect(re.firstSubmatchStrings(in: "xyz") == nil)
    }

    @Test func offsetsAreUTF8Bytes() throws {
        let s = "héé!"
        let m = try #require(try PCRE2Pattern("!").firstMatch(in: s))
        #expect(m.range == 5..<6)
        #expect(m.string(in: s) == "!")
        #expect(try PCRE2Pattern("é+").firstMatch(in: s)?.string(in: s) == "éé")
    }

    @Test func replacements() throws {
        let re = try PCRE2Pattern(#"(\w+)@(?P<host>\w+)"#)
        let s = "ann@site bob@corp"
        #expect(re.replaceAll(in: s, with: "${host}:$1") == "site:ann corp:bob")
        #expect(re.replaceAll(in: s, with: "$1x|${1}x|$$|$") == "|annx|$|$ |bobx|$|$")
        #expect(re.replaceAllLiteral(in: s, with: "$1") == "$1 $1")
        #expect(re.replaceAllLiteral(in: Array(s.utf8), with: Array("-".utf8)) == Array("- -".utf8))
        #expect(re.replaceAll(in: s) { m, text in "\(text.count):\(m.string(1, in: s) ?? "")" } == "8:ann 8:bob")
    }

    // MARK: - Bytes and invalid UTF-8

    @Test func invalidUTF8NeverCrashes() throws {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xC3, 0x28, 0xE2, 0x82]
        let re = try PCRE2Pattern("[a-z]")
        #expect(re.allMatches(in: bytes).map(\.range) == [0..<1, 2..<3])
        #expect(re.replaceAll(in: bytes, with: "_") == [0x5F, 0xFF, 0x5F, 0xC3, 0x28, 0xE2, 0x82])
        let empty = try PCRE2Pattern("")
        #expect(empty.allMatches(in: bytes).count == 8)
        // As in Go, each invalid byte reads as one U+FFFD.
        #expect(try PCRE2Pattern(".").allMatches(in: bytes).map(\.range) == (0..<7).map { $0..<($0 + 1) })
        #expect(try PCRE2Pattern(#"\x{FFFD}+"#).allMatches(in: bytes).map(\.range) == [1..<2, 3..<4, 5..<7])
        #expect(try PCRE2Pattern("(.)(b)").firstMatch(in: bytes)?.bytes(1, in: bytes) == [0xFF])
        #expect(try PCRE2Pattern("[^a]+").replaceAll(in: bytes, with: "<$0>") == Array("a<".utf8) + bytes[1...] + [0x3E])
        #expect(re.matches([UInt8]()) == false)
        #expect(empty.matches([UInt8]()))
    }

    @Test func emptyLoopIterationsAreDropped() throws {
        // Go compiles x* with a nullable x as (x+)?, so only a first iteration may be empty.
        #expect(try PCRE2Pattern("(a|)*").firstMatch(in: "aa")?.groups == [0..<2, 1..<2])
        #expect(try PCRE2Pattern("(|a)*").firstMatch(in: "aa")?.groups == [0..<0, 0..<0])
        #expect(try PCRE2Pattern("(a*|b)*").firstMatch(in: "b")?.groups == [0..<0, 0..<0])
        #expect(try PCRE2Pattern("(a*|b)*").allMatchStrings(in: "ba") == ["", "a"])
        #expect(try PCRE2Pattern("(a*)+").firstMatch(in: "b")?.groups == [0..<0, 0..<0])
    }

    @Test func matchDataIsNotShared() async throws {
        let re = try PCRE2Pattern(#"(\d+)-(\d+)"#)
        let results = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<64 {
                group.addTask {
                    let s = "\(i)-\(i * 7) x \(i + 1)-\(i * 3)"
                    return re.replaceAll(in: s, with: "$2+$1") == "\(i * 7)+\(i) x \(i * 3)+\(i + 1)"
                }
            }
            var all: [Bool] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.allSatisfy { $0 })
    }

    @Test func longSubjects() throws {
        let s = String(repeating: "ab", count: 100_000)
        let re = try PCRE2Pattern("(a|b)*")
        #expect(re.firstMatch(in: s)?.range == 0..<200_000)
        #expect(try PCRE2Pattern("b").allMatches(in: s).count == 100_000)
    }
}
