import Foundation

/// A failure inside the parser: a message at an offset. `committed` errors stop
/// backtracking (Benthos's fatal errors); the others let an alternative be tried.
struct ParseFailure: Error {
    var message: String
    var offset: Int
    var id: String = "parse.expected"
    var help: [String] = []
}

/// The hand-written recursive-descent parser of Bloblang mappings.
///
/// It reads UTF-8 bytes directly (no token stream): Bloblang's whitespace rules depend on
/// position (no space before `.`, none before a binary operator's line break, `=` needs
/// spaces), which a scannerless parser states plainly. Files: this one holds the cursor and
/// statements, `Parser+Query.swift` expressions, `Parser+Literals.swift` literals.
struct Parser {
    let env: Environment
    let source: SourceFile
    let bytes: [UInt8]
    var pos = 0
    /// Lambda parameter names in scope, innermost last; the index is the slot.
    var namedContexts: [String] = []
    var depth = 0
    var readsThis = false
    /// The folder imports resolve against.
    let baseDirectory: String?
    /// Files being imported, to refuse import cycles.
    var importStack: [String]

    static let maxDepth = 400

    init(env: Environment, source: SourceFile, importStack: [String] = []) {
        self.env = env
        self.source = source
        self.bytes = source.bytes
        self.importStack = importStack
        self.baseDirectory = source.path.flatMap(SourceFile.directory(of:))
    }

    // MARK: - Cursor

    @inline(__always) var atEnd: Bool { pos >= bytes.count }
    @inline(__always) func peek(_ offset: Int = 0) -> UInt8 {
        let i = pos + offset
        return i < bytes.count ? bytes[i] : 0
    }
    @inline(__always) func peekIs(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard pos + n <= bytes.count else { return false }
        return s.withUTF8Buffer { buf in
            for i in 0..<n where bytes[pos + i] != buf[i] { return false }
            return true
        }
    }

    func fail(_ message: String, at offset: Int? = nil, id: String = "parse.expected", help: [String] = []) -> ParseFailure {
        ParseFailure(message: message, offset: offset ?? pos, id: id, help: help)
    }

    /// Skips spaces and tabs.
    mutating func skipSpaces() {
        while pos < bytes.count, bytes[pos] == 0x20 || bytes[pos] == 0x09 { pos += 1 }
    }

    /// Skips spaces, tabs, newlines and comments.
    mutating func skipWhitespaceAndComments() {
        while pos < bytes.count {
            let b = bytes[pos]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                pos += 1
            } else if b == UInt8(ascii: "#") {
                while pos < bytes.count, bytes[pos] != 0x0A { pos += 1 }
            } else {
                return
            }
        }
    }

    /// Skips spaces, tabs and a trailing comment, stopping before the newline.
    mutating func skipSpacesAndComment() {
        skipSpaces()
        if peek() == UInt8(ascii: "#") {
            while pos < bytes.count, bytes[pos] != 0x0A { pos += 1 }
        }
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(ParseFailure) {
        guard peek() == byte, !atEnd else { throw fail("expected \(what)") }
        pos += 1
    }

    @inline(__always) static func isIdentByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
    }

    /// Reads `[A-Za-z0-9_]+`, or returns nil without moving.
    mutating func readIdent() -> String? {
        let start = pos
        while pos < bytes.count, Parser.isIdentByte(bytes[pos]) { pos += 1 }
        guard pos > start else { return nil }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    func line(at offset: Int) -> Int { source.location(of: offset).line }

    // MARK: - Entry points

    /// Parses a whole mapping.
    static func parseMapping(_ source: SourceFile, env: Environment, importStack: [String] = []) throws(ParseError) -> Mapping {
        var p = Parser(env: env, source: source, importStack: importStack)
        do {
            let (statements, maps) = try p.parseFile()
            return Mapping(
                environment: env, source: source, body: StatementBlock(statements: statements), maps: maps, readsThis: p.readsThis
            )
        } catch let f {
            throw ParseError(id: f.id, message: f.message, range: SourceRange(f.offset, f.offset), source: source, help: f.help)
        }
    }

    /// Parses a single query expression (interpolations, `blobl` REPL expressions).
    static func parseQuery(_ source: SourceFile, env: Environment) throws(ParseError) -> (Expr, Bool) {
        var p = Parser(env: env, source: source)
        do throws(ParseFailure) {
            p.skipWhitespaceAndComments()
            let e = try p.parseExpression()
            p.skipWhitespaceAndComments()
            if !p.atEnd { throw p.fail("unexpected content at the end of the expression") }
            return (e, p.readsThis)
        } catch let f {
            throw ParseError(id: f.id, message: f.message, range: SourceRange(f.offset, f.offset), source: source, help: f.help)
        }
    }

    // MARK: - Statements

    mutating func parseFile() throws(ParseFailure) -> ([Statement], [String: MapDefinition]) {
        var statements: [Statement] = []
        var maps: [String: MapDefinition] = [:]
        var bareExpressionAt: Int?
        skipWhitespaceAndComments()
        // `from "file"` replaces the whole mapping.
        if peekIs("from "), let fromMapping = try parseFromStatement() {
            return fromMapping
        }
        while !atEnd {
            let start = pos
            if peekIs("import") && !Parser.isIdentByte(peek(6)) {
                let (imported, included) = try parseImport()
                statements.append(contentsOf: included)
                let collisions = imported.keys.filter { maps[$0] != nil }.sorted()
                if !collisions.isEmpty {
                    throw fail(
                        "map name collisions from import '\(lastImportPath)': [\(collisions.joined(separator: " "))]", at: start)
                }
                maps.merge(imported) { a, _ in a }
            } else if peekIs("map") && !Parser.isIdentByte(peek(3)) && isMapDefinition() {
                let def = try parseMapDefinition()
                if maps[def.name] != nil { throw fail("map name collision: \(def.name)", at: start) }
                maps[def.name] = def
            } else {
                let (statement, isBare) = try parseStatement(allowMeta: true)
                if isBare { bareExpressionAt = start }
                statements.append(statement)
            }
            try endOfStatement()
        }
        if let at = bareExpressionAt, statements.count > 1 {
            throw fail("expected import, map, or assignment", at: at)
        }
        return (statements, maps)
    }

    var lastImportPath = ""

    /// After a statement: spaces, an optional comment, then a newline or the end.
    mutating func endOfStatement() throws(ParseFailure) {
        skipSpacesAndComment()
        if atEnd { return }
        if peek() == 0x0D { pos += 1 }
        guard peek() == 0x0A else { throw fail("expected end of statement") }
        skipWhitespaceAndComments()
    }

    /// True when the text at `pos` is `map <name> {`.
    func isMapDefinition() -> Bool {
        var i = pos + 3
        guard i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 else { return false }
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        let nameStart = i
        while i < bytes.count, Parser.isIdentByte(bytes[i]) { i += 1 }
        guard i > nameStart else { return false }
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        return i < bytes.count && bytes[i] == UInt8(ascii: "{")
    }

    mutating func parseMapDefinition() throws(ParseFailure) -> MapDefinition {
        let start = pos
        pos += 3
        skipSpaces()
        guard let name = readIdent() else { throw fail("expected map name") }
        skipSpaces()
        try expect(UInt8(ascii: "{"), "{")
        let saved = namedContexts
        namedContexts = []
        defer { namedContexts = saved }
        let mapLine = line(at: start)
        let body = try parseBlock(allowMeta: false)
        for s in body { s.relabel { $0 - mapLine + 1 } }
        return MapDefinition(name: name, body: StatementBlock(statements: body))
    }

    /// Statements up to the closing `}` (the `{` already read).
    mutating func parseBlock(allowMeta: Bool) throws(ParseFailure) -> [Statement] {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth { throw fail("mapping is nested too deeply", id: "parse.too-deep") }
        var statements: [Statement] = []
        skipWhitespaceAndComments()
        while peek() != UInt8(ascii: "}") {
            if atEnd { throw fail("expected }") }
            let (s, isBare) = try parseStatement(allowMeta: allowMeta)
            if isBare { throw fail("expected import, map, or assignment", at: statementStart) }
            statements.append(s)
            skipSpacesAndComment()
            if peek() == UInt8(ascii: "}") { break }
            try endOfStatement()
        }
        pos += 1
        return statements
    }

    var statementStart = 0

    /// One statement. Returns `isBare` for a bare expression (legacy `root = expr`).
    mutating func parseStatement(allowMeta: Bool) throws(ParseFailure) -> (Statement, Bool) {
        statementStart = pos
        let line = self.line(at: pos)
        if peekIs("let") && (peek(3) == 0x20 || peek(3) == 0x09) {
            pos += 3
            skipSpaces()
            let name: String
            if peek() == UInt8(ascii: "\"") {
                name = try parseQuotedString()
            } else if let ident = readIdent() {
                name = ident
            } else {
                throw fail("expected variable name")
            }
            try parseAssignOperator()
            let value = try parseExpression()
            return (AssignStatement(target: .variable(name), value: value, line: line), false)
        }
        if peekIs("if") && (peek(2) == 0x20 || peek(2) == 0x09 || peek(2) == UInt8(ascii: "(")) {
            let saved = self
            do {
                return (try parseIfStatement(allowMeta: allowMeta), false)
            } catch let statementError {
                // Not a statement block: maybe an `if` expression as a bare statement. When
                // that fails too, the statement's error is the one that explains the mistake.
                let failed = self
                self = saved
                do {
                    let value = try parseExpression()
                    return (AssignStatement(target: .root([]), value: value, line: line), true)
                } catch {
                    self = failed
                    throw statementError
                }
            }
        }
        if let target = try parseAssignmentTarget(allowMeta: allowMeta) {
            let value = try parseExpression()
            return (AssignStatement(target: target, value: value, line: line), false)
        }
        let value = try parseExpression()
        return (AssignStatement(target: .root([]), value: value, line: line), true)
    }

    /// ` = ` with whitespace on both sides.
    mutating func parseAssignOperator() throws(ParseFailure) {
        guard peek() == 0x20 || peek() == 0x09 else { throw fail("expected whitespace") }
        skipSpaces()
        try expect(UInt8(ascii: "="), "=")
        guard peek() == 0x20 || peek() == 0x09 else { throw fail("expected whitespace") }
        skipSpaces()
    }

    /// Tries to read `target = `; leaves the position unchanged and returns nil when the
    /// statement is not an assignment.
    mutating func parseAssignmentTarget(allowMeta: Bool) throws(ParseFailure) -> AssignTarget? {
        let start = pos
        var target: AssignTarget
        if peekIs("meta") && !Parser.isIdentByte(peek(4)) {
            pos += 4
            let afterMeta = pos
            skipSpaces()
            if peek() == UInt8(ascii: "=") {
                pos = afterMeta
                target = .meta(nil)
            } else if peek() == UInt8(ascii: "\"") {
                guard let key = try? parseQuotedString() else { pos = start; return nil }
                target = .meta(key)
            } else if let key = readIdent() {
                target = .meta(key)
            } else {
                pos = start
                return nil
            }
            if !allowMeta {
                let save = pos
                skipSpaces()
                if peek() == UInt8(ascii: "="), peek(1) != UInt8(ascii: "=") {
                    throw fail("setting meta fields from within a map is not allowed", at: start)
                }
                pos = save
            }
        } else {
            guard let first = readIdent() else { return nil }
            var path: [String] = first == "root" ? [] : [first]
            while peek() == UInt8(ascii: ".") {
                pos += 1
                if peek() == UInt8(ascii: "\"") {
                    guard let seg = try? parseQuotedString() else { pos = start; return nil }
                    path.append(seg)
                } else if let seg = readIdent() {
                    path.append(seg)
                } else {
                    pos = start
                    return nil
                }
            }
            target = .root(path)
        }
        // Must be followed by `=` (not `==`).
        let afterTarget = pos
        skipSpaces()
        guard peek() == UInt8(ascii: "="), peek(1) != UInt8(ascii: "="), peek(1) != UInt8(ascii: ">") else {
            pos = start
            return nil
        }
        pos = afterTarget
        try parseAssignOperator()
        return target
    }

    mutating func parseIfStatement(allowMeta: Bool) throws(ParseFailure) -> Statement {
        let line = self.line(at: pos)
        var branches: [(condition: Expr, body: [Statement])] = []
        var elseBody: [Statement]?
        pos += 2
        while true {
            skipSpaces()
            let condition = try parseExpression()
            skipSpaces()
            try expect(UInt8(ascii: "{"), "{")
            let body = try parseBlock(allowMeta: allowMeta)
            branches.append((condition, body))
            let save = pos
            skipWhitespaceAndComments()
            if peekIs("else") && !Parser.isIdentByte(peek(4)) {
                pos += 4
                skipSpaces()
                if peekIs("if") && !Parser.isIdentByte(peek(2)) {
                    pos += 2
                    continue
                }
                try expect(UInt8(ascii: "{"), "{")
                elseBody = try parseBlock(allowMeta: allowMeta)
            } else {
                pos = save
            }
            break
        }
        let statement = IfStatement(branches: branches, elseBody: elseBody, line: line)
        statement.relabel { _ in line }
        return statement
    }

    // MARK: - Imports

    func resolveImportPath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if let base = baseDirectory, !base.isEmpty { return (base as NSString).appendingPathComponent(path) }
        return path
    }

    func loadImport(_ path: String, at offset: Int) throws(ParseFailure) -> SourceFile {
        guard let importer = env.importer else { throw fail("imports are disabled in this context", at: offset) }
        let resolved = resolveImportPath(path)
        if importStack.contains(resolved) { throw fail("import cycle detected: \(path)", at: offset) }
        do {
            return SourceFile(try importer(resolved), path: resolved)
        } catch {
            let reason =
                FileManager.default.fileExists(atPath: resolved)
                ? String(describing: error) : "open \(resolved): no such file or directory"
            throw fail("failed to read import: \(reason)", at: offset)
        }
    }

    /// `import "file"`: the file's named maps. A file with statements and no maps is included
    /// in place instead (Benthos refuses it with "no maps to import"; Sluice's stage configs
    /// write `mapping: 'import "./stage.blobl"'`).
    mutating func parseImport() throws(ParseFailure) -> (maps: [String: MapDefinition], statements: [Statement]) {
        let start = pos
        pos += 6
        skipSpaces()
        let path = try parseQuotedString()
        lastImportPath = path
        let file = try loadImport(path, at: start)
        let m: Mapping
        do {
            m = try Parser.parseMapping(file, env: env, importStack: importStack + [file.path ?? path])
        } catch {
            throw fail("failed to parse import '\(path)': \(error.description)", at: start)
        }
        if m.maps.isEmpty {
            if m.body.statements.isEmpty { throw fail("no maps to import from '\(path)'", at: start) }
            readsThis = readsThis || m.readsThis
            return ([:], m.body.statements)
        }
        return (m.maps, [])
    }

    /// `from "file"` as the only statement; nil when the mapping has other statements.
    mutating func parseFromStatement() throws(ParseFailure) -> ([Statement], [String: MapDefinition])? {
        let start = pos
        pos += 5
        skipSpaces()
        guard peek() == UInt8(ascii: "\"") else {
            pos = start
            return nil
        }
        let path = try parseQuotedString()
        try endOfStatement()
        guard atEnd else { throw fail("from statements must be the only statement of a mapping", at: start) }
        let file = try loadImport(path, at: start)
        do {
            let m = try Parser.parseMapping(file, env: env, importStack: importStack + [file.path ?? path])
            readsThis = readsThis || m.readsThis
            return (m.body.statements, m.maps)
        } catch {
            throw fail("failed to parse import '\(path)': \(error.description)", at: start)
        }
    }
}

extension Environment {
    /// Parses a mapping.
    /// - Throws: `ParseError` with the position and a message in Benthos's words.
    public func parse(_ text: String, path: String? = nil) throws(ParseError) -> Mapping {
        try Parser.parseMapping(SourceFile(text, path: path), env: self)
    }

    /// Parses a single expression, for interpolations and the REPL.
    public func parseExpression(_ text: String) throws(ParseError) -> CompiledQuery {
        let (expr, readsThis) = try Parser.parseQuery(SourceFile(text), env: self)
        return CompiledQuery(expr: expr, environment: self, readsThis: readsThis)
    }
}

/// A parsed standalone expression.
public struct CompiledQuery: @unchecked Sendable {
    let expr: Expr
    public let environment: Environment
    public let readsThis: Bool

    /// Evaluates the expression in `ctx`.
    public func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value { try expr.eval(ctx) }
}
