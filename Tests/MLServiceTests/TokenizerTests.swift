import MLService
import Testing

@Suite("Tokenizer")
struct TokenizerTests {
    @Test(
        "words and punctuation marks are tokens; whitespace separates them",
        arguments: [
            ("Hello, world!", ["Hello", ",", "world", "!"]),
            ("  two\tspaces\n\nand lines ", ["two", "spaces", "and", "lines"]),
            ("don't stop the West-End", ["don't", "stop", "the", "West-End"]),
            ("'quoted' - a dash -- here", ["'", "quoted", "'", "-", "a", "dash", "-", "-", "here"]),
            ("(1730) Phænomena; café", ["(", "1730", ")", "Phænomena", ";", "café"]),
            ("a_b", ["a", "_", "b"]),
            ("", []),
            ("DROP TABLE users;--", ["DROP", "TABLE", "users", ";", "-", "-"]),
        ])
    func tokens(text: String, expected: [String]) {
        #expect(Tokenizer.tokens(text) == expected)
        #expect(Tokenizer.count(text) == expected.count)
    }

    @Test("join puts no space before closing punctuation or after opening brackets")
    func join() {
        #expect(Tokenizer.join(["(", "a", ",", "b", ")", "and", "c", "."]) == "(a, b) and c.")
        #expect(Tokenizer.join(["'", "x", "'", "-", "y"]) == "' x ' - y")
        #expect(Tokenizer.join([String]()) == "")
    }

    @Test("join then tokens gives the same tokens back")
    func roundTrip() {
        let texts = [
            "The Rays of Light, (which are refracted) differ: see Fig. 3; don't they?",
            "a - b -- c 'd' [e] {f} g.h",
        ]
        for text in texts {
            let tokens = Tokenizer.tokens(text)
            #expect(Tokenizer.tokens(Tokenizer.join(tokens)) == tokens)
        }
    }
}
