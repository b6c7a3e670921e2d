import Bloblang
import BloblangStdlib
import BloblangTestSupport
import Testing

/// The parse error of `text` (which must fail to parse).
private func parseError(_ text: String, path: String? = nil) -> ParseError? {
    do {
        _ = try Environment.standard.parse(text, path: path)
        return nil
    } catch {
        return error
    }
}

@Suite("Diagnostics: rich rendering")
struct DiagnosticRendererTests {
    let renderer = DiagnosticRenderer(useColor: false)

    @Test("a header, the source line in a gutter, a caret under the position")
    func basic() throws {
        let error = try #require(parseError("root = (1"))
        #expect(renderer.render(error) == """
            error: expected )
             --> <mapping>:1:10
              |
            1 | root = (1
              |          ^

            """)
    }

    @Test("the file path names the source; later lines widen the gutter")
    func pathAndWideGutter() throws {
        let text = String(repeating: "root.a = 1\n", count: 11) + "root.b = nosuch()\n"
        let error = try #require(parseError(text, path: "maps/main.blobl"))
        #expect(renderer.render(error) == """
            error: unrecognised function 'nosuch'
              --> maps/main.blobl:12:10
               |
            12 | root.b = nosuch()
               |          ^

            """)
        #expect(DiagnosticRenderer.compact(error) == "line 12 char 10: unrecognised function 'nosuch'")
    }

    @Test("did-you-mean help follows the caret")
    func help() throws {
        let error = try #require(parseError("root = this.name.uppercas()"))
        #expect(renderer.render(error) == """
            error: unrecognised method 'uppercas'
             --> <mapping>:1:18
              |
            1 | root = this.name.uppercas()
              |                  ^
              = help: did you mean `uppercase`?

            """)
    }

    @Test("tabs before the position are kept so the caret lines up")
    func tabs() throws {
        let error = try #require(parseError("root.b =\t\tnosuch()"))
        #expect(renderer.render(error) == "error: unrecognised function 'nosuch'\n --> <mapping>:1:11\n  |\n1 | root.b =\t\tnosuch()\n  |         \t\t^\n")
    }

    @Test("non-ASCII text before the position takes one caret column per character")
    func unicode() throws {
        let source = MarkedSource("root = \"日本\" + \"é\" 1️⃣x")
        let error = try #require(parseError(source.text))
        #expect(Position(error.location) == source.location)
        #expect(renderer.render(error) == """
            error: expected end of statement
             --> <mapping>:1:19
              |
            1 | root = "日本" + "é" x
              |                   ^

            """)
    }

    @Test("CRLF line endings are not shown")
    func crlf() throws {
        let error = try #require(parseError("root.a = 1\r\nroot.b = nosuch()\r\nroot.c = 2"))
        #expect(renderer.render(error) == """
            error: unrecognised function 'nosuch'
             --> <mapping>:2:10
              |
            2 | root.b = nosuch()
              |          ^

            """)
    }

    @Test("an error at the end of the input points just past the last character")
    func endOfInput() throws {
        let error = try #require(parseError("root = [1,\n  2,\n"))
        #expect(error.description == "line 3 char 1: expected ]")
        #expect(renderer.render(error) == """
            error: expected ]
             --> <mapping>:3:1
              |
            3 | \("")
              | ^

            """)
    }

    @Test("colour is opt-in")
    func colour() throws {
        let error = try #require(parseError("root = (1"))
        #expect(!renderer.render(error).contains("\u{1B}["))
        #expect(DiagnosticRenderer(useColor: true).render(error).contains("\u{1B}[31m"))
    }
}

@Suite("Diagnostics: did you mean")
struct SuggestionTests {
    @Test(
        "unknown functions, methods and named parameters suggest the closest name",
        arguments: [
            ("root = nwo()", "function.unknown", "now"),
            ("root = tiemstamp_unix()", "function.unknown", "timestamp_unix"),
            ("root = uuid_4()", "function.unknown", "uuid_v4"),
            ("root = this.uppercas()", "method.unknown", "uppercase"),
            ("root = this.lenght()", "method.unknown", "length"),
            ("root = this.parse_jsn()", "method.unknown", "parse_json"),
            ("root = this.map_eahc(x -> x)", "method.unknown", "map_each"),
            ("root = this.fitler(x -> x)", "method.unknown", "filter"),
            (#"root = this.replace_all(ol: "a", new: "b")"#, "parameter.unknown", "old"),
            (#"root = this.replace_all(olds: "a", new: "b")"#, "parameter.unknown", "old"),
            (#"root = range(strt: 0, stop: 2)"#, "parameter.unknown", "start"),
        ])
    func suggestion(mapping: String, id: String, name: String) throws {
        let error = try #require(parseError(mapping))
        #expect(error.id == id)
        #expect(error.help == ["did you mean `\(name)`?"])
    }

    @Test("names far from every candidate get no suggestion", arguments: [
        "root = this.zzzzzzzz()",
        "root = qqqqqqqqqq()",
        #"root = this.replace_all(xyzzy: "a", new: "b")"#,
    ])
    func noSuggestion(mapping: String) throws {
        let error = try #require(parseError(mapping))
        #expect(error.help.isEmpty)
    }

    @Test("edit distance", arguments: [
        ("", "abc", 3), ("abc", "abc", 0), ("abc", "abd", 1), ("kitten", "sitting", 3),
        ("uppercas", "uppercase", 1), ("日本", "日本語", 1),
    ])
    func distance(a: String, b: String, d: Int) {
        #expect(Suggest.distance(a, b) == d)
        #expect(Suggest.distance(b, a) == d)
    }

    @Test("ties go to the alphabetically first candidate")
    func ties() {
        #expect(Suggest.closest(to: "bat", in: ["cat", "bar", "hat"]) == "bar")
        #expect(Suggest.closest(to: "x", in: []) == nil)
    }
}
