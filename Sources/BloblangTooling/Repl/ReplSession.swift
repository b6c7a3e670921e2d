import Bloblang
import Foundation

/// The state and commands of `blobl repl`, free of any terminal handling so it can be tested.
///
/// Each statement entered is appended to the session's mapping, which runs on the current
/// input document and metadata; a bare expression is evaluated against the result.
public final class ReplSession {
    /// What an entry produced.
    public enum Reply: Equatable, Sendable {
        /// Text to print (may be empty).
        case output(String)
        /// Text to print on standard error.
        case error(String)
        /// The user asked to leave.
        case quit
    }

    /// The functions and methods available.
    public let environment: Environment
    /// Colours in output.
    public var useColor: Bool
    /// The statements entered so far, one entry each.
    public private(set) var statements: [String] = []
    /// The input document (`this`).
    public var input: Value = .object([:])
    /// The input metadata (`@`).
    public var metadata: [String: Value] = [:]

    /// Creates a session.
    public init(environment: Environment, useColor: Bool = false) {
        self.environment = environment
        self.useColor = useColor
    }

    /// The session's mapping as text.
    public var mappingText: String { statements.joined(separator: "\n") }

    var printer: ValuePrinter { ValuePrinter(useColor: useColor) }

    // MARK: - Continuation

    /// True while `text` has open brackets, an unterminated triple-quoted string, or ends in
    /// an operator, so the REPL should read another line.
    public static func needsContinuation(_ text: String) -> Bool {
        // Commands are one line (`:input {` is a mistake to report, not to continue).
        if text.trimmingCharacters(in: .whitespaces).hasPrefix(":") { return false }
        let tokens = MappingLexer.tokenize(text).filter { $0.kind != .comment && $0.kind != .newline }
        var depth = 0
        for t in tokens {
            if MappingFormatter.isOpener(t) { depth += 1 }
            if MappingFormatter.isCloser(t) { depth -= 1 }
        }
        if depth > 0 { return true }
        guard let last = tokens.last else { return false }
        if last.kind == .tripleString, last.text.count < 6 || !last.text.hasSuffix("\"\"\"") { return true }
        if last.kind == .punctuation, MappingToken.binaryOperators.contains(last.text) || [".", "=>", ":", ","].contains(last.text) {
            return true
        }
        return false
    }

    // MARK: - Entries

    /// Handles one complete entry: a `:command`, a bare expression or a statement.
    public func handle(_ entry: String) -> Reply {
        let text = entry.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return .output("") }
        if text.hasPrefix(":") { return command(text) }
        if let query = try? environment.parseExpression(text) {
            return evaluate(query)
        }
        return addStatement(text)
    }

    /// Runs the session mapping on the input; returns the context, or the error.
    func run(_ mapping: Mapping) -> Result<EvalContext, RuntimeError> {
        let ctx = mapping.makeContext()
        mapping.prepare(ctx, content: JSONWriter.compact(input), this: input, metadata: metadata)
        // Named maps may recurse deeply: run on a large stack, as `blobl` does.
        let failure: RuntimeError? = LargeStack.run {
            do throws(RuntimeError) {
                try mapping.execute(ctx)
                return nil
            } catch {
                return error
            }
        }
        if let failure { return .failure(failure) }
        return .success(ctx)
    }

    private func evaluate(_ query: CompiledQuery) -> Reply {
        let mapping: Mapping
        do {
            mapping = try environment.parse(mappingText, path: "<repl>")
        } catch {
            return .error("the session mapping does not parse: \(error.description)")
        }
        switch run(mapping) {
        case .failure(let e): return .error("error: the session mapping failed: \(e.message)")
        case .success(let ctx):
            let result = LargeStack.run { () -> Result<Value, RuntimeError> in
                do throws(RuntimeError) { return .success(try query.eval(ctx)) } catch { return .failure(error) }
            }
            switch result {
            case .success(let v): return .output(printer.render(v))
            case .failure(let e): return .error("error: \(e.message)")
            }
        }
    }

    private func addStatement(_ text: String) -> Reply {
        do {
            _ = try environment.parse(text, path: "<repl>")
        } catch {
            return .error(DiagnosticRenderer(useColor: useColor).render(error))
        }
        let candidate = statements + [text]
        let mapping: Mapping
        do {
            mapping = try environment.parse(candidate.joined(separator: "\n"), path: "<repl>")
        } catch {
            return .error("error: \(error.message)")
        }
        switch run(mapping) {
        case .failure(let e):
            return .error("error: \(e.message)\n(the statement was not added)")
        case .success(let ctx):
            statements = candidate
            let tokens = MappingLexer.tokenize(text).filter { $0.kind != .comment && $0.kind != .newline }
            switch tokens.first?.text {
            case "let":
                let name = tokens.count > 1 ? tokens[1].text.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) : ""
                return .output(printer.render(ctx.vars[name] ?? .nothing))
            case "meta": return .output(printer.render(.object(ctx.metadata)))
            case "map": return .output("defined map \(tokens.count > 1 ? tokens[1].text : "")")
            case "import": return .output("imported")
            default:
                if case .nothing = ctx.root { return .output(printer.render(input)) }
                return .output(printer.render(ctx.root))
            }
        }
    }

    // MARK: - Commands

    static let help = """
        Enter a statement (root.a = this.b) to add it to the session mapping, or an expression
        (this.b.uppercase()) to see its value. Open brackets continue on the next line.

          :input {json}        set the input document (this)
          :load-input FILE     read the input document from a JSON file
          :meta key=value      set an input metadata key (value as JSON, else text); :meta alone shows them
          :load FILE           replace the session mapping with a mapping file
          :mapping             show the session mapping
          :reset               clear the mapping, input and metadata
          :functions [filter]  list functions (name, category or summary containing filter)
          :methods [filter]    list methods
          :doc NAME            show the documentation of a function or method
          :help                this text
          :quit                leave (or ctrl-d)
        """

    /// The command names, for completion.
    public static let commands = [
        ":input", ":load-input", ":meta", ":load", ":mapping", ":reset", ":functions", ":methods", ":doc", ":help", ":quit",
    ]

    private func command(_ text: String) -> Reply {
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        let name = parts[0]
        let arg = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch name {
        case ":help", ":h", ":?": return .output(Self.help)
        case ":quit", ":q", ":exit": return .quit
        case ":mapping": return .output(statements.isEmpty ? "(empty)" : mappingText)
        case ":reset":
            statements = []
            input = .object([:])
            metadata = [:]
            return .output("reset")
        case ":input":
            if arg.isEmpty { return .output(printer.render(input)) }
            do {
                input = try JSONReader.parse(arg)
                return .output(printer.render(input))
            } catch {
                return .error("error: the input is not valid JSON: \(error.message)")
            }
        case ":load-input":
            guard let data = FileManager.default.contents(atPath: arg) else { return .error("error: cannot read \(arg)") }
            do {
                input = try JSONReader.parse(Array(data))
                return .output(printer.render(input))
            } catch {
                return .error("error: \(arg) is not valid JSON: \(error.message)")
            }
        case ":meta":
            if arg.isEmpty { return .output(printer.render(.object(metadata))) }
            guard let eq = arg.firstIndex(of: "=") else { return .error("error: expected :meta key=value") }
            let key = String(arg[..<eq]).trimmingCharacters(in: .whitespaces)
            let raw = String(arg[arg.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
            metadata[key] = (try? JSONReader.parse(raw)) ?? .string(raw)
            return .output(printer.render(.object(metadata)))
        case ":load":
            guard let data = FileManager.default.contents(atPath: arg) else { return .error("error: cannot read \(arg)") }
            let text = String(decoding: data, as: UTF8.self)
            do {
                let mapping = try environment.parse(text, path: arg)
                if case .failure(let e) = run(mapping) { return .error("error: \(arg) failed on the input: \(e.message)") }
            } catch {
                return .error(DiagnosticRenderer(useColor: useColor).render(error))
            }
            statements = [text.trimmingCharacters(in: .newlines)]
            return .output("loaded \(arg)")
        case ":functions", ":methods":
            let isFunctions = name == ":functions"
            let rows: [(String, String, String)] =
                isFunctions
                ? environment.functions.values.filter { $0.status != .hidden }.map { ($0.name, $0.category.rawValue, $0.summary) }
                : environment.methods.values.filter { $0.status != .hidden }.map { ($0.name, $0.category.rawValue, $0.summary) }
            let filter = arg.lowercased()
            let shown = rows.filter {
                filter.isEmpty || $0.0.contains(filter) || $0.1.lowercased().contains(filter) || $0.2.lowercased().contains(filter)
            }.sorted { $0.0 < $1.0 }
            if shown.isEmpty { return .output("no \(isFunctions ? "function" : "method") matches '\(arg)'") }
            let width = shown.map(\.0.count).max() ?? 0
            return .output(
                shown.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + Self.firstLine($0.2) }
                    .joined(separator: "\n"))
        case ":doc":
            return doc(arg)
        default:
            let suggestion = Suggest.closest(to: name, in: Self.commands).map { " (did you mean \($0)?)" } ?? ""
            return .error("error: unknown command \(name)\(suggestion); :help lists the commands")
        }
    }

    private static func firstLine(_ s: String) -> String {
        String(s.split(separator: "\n", omittingEmptySubsequences: true).first ?? "")
    }

    private func doc(_ raw: String) -> Reply {
        let name = raw.trimmingCharacters(in: CharacterSet(charactersIn: ".() "))
        var pages: [String] = []
        // The reference page's entry, with its markdown heading turned into a plain title.
        func page(_ entry: DocEntry, _ kind: String) -> String {
            let body = EntryRenderer(entry: entry).render().split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            return "\(entry.name) (\(kind), \(entry.category.rawValue))" + (body.count > 1 ? "\n" + body[1] : "")
        }
        if let f = environment.functions[name] { pages.append(page(DocEntry(f), "function")) }
        if let m = environment.methods[name] { pages.append(page(DocEntry(m), "method")) }
        if pages.isEmpty {
            let all = Array(environment.functions.keys) + Array(environment.methods.keys)
            let suggestion = Suggest.closest(to: name, in: all).map { " (did you mean \($0)?)" } ?? ""
            return .error("error: no function or method named '\(name)'\(suggestion)")
        }
        return .output(pages.joined(separator: "\n").trimmingCharacters(in: .newlines))
    }

    // MARK: - Completion

    /// Completions for the word that ends at `cursor` in `line`: methods after a `.`,
    /// commands at the start, functions and keywords elsewhere. Returns where the word
    /// starts (a Character index) and the sorted candidates.
    public func completions(line: String, cursor: Int) -> (start: Int, candidates: [String]) {
        let chars = Array(line)
        let end = min(cursor, chars.count)
        var start = end
        func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        while start > 0, isWord(chars[start - 1]) { start -= 1 }
        let word = String(chars[start..<end])
        if start == 1, chars[0] == ":" {
            return (0, Self.commands.filter { $0.hasPrefix(":" + word) }.sorted())
        }
        let pool: [String]
        if start > 0, chars[start - 1] == "." {
            pool = environment.methods.values.filter { $0.status != .hidden }.map(\.name)
        } else {
            if word.isEmpty { return (start, []) }
            pool =
                environment.functions.values.filter { $0.status != .hidden }.map(\.name)
                + ["root", "this", "let", "meta", "match", "if", "else", "map", "import"]
        }
        return (start, pool.filter { $0.hasPrefix(word) }.sorted())
    }
}
