// MARK: - Expressions

extension Parser {
    /// A full query: a chain of terms joined by binary operators, reduced by precedence.
    mutating func parseExpression() throws(ParseFailure) -> Expr {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth {
            throw fail("expression is nested too deeply", id: "parse.too-deep")
        }
        var operands: [Expr] = [try parseTermWithMinus()]
        var ops: [(BinaryOperator, Int)] = []
        while true {
            let save = pos
            skipSpaces()
            guard let op = readBinaryOperator() else {
                pos = save
                break
            }
            let opOffset = pos
            skipWhitespaceAndComments()
            operands.append(try parseTermWithMinus())
            ops.append((op, opOffset))
        }
        if ops.isEmpty { return operands[0] }
        return try reduce(operands, ops)
    }

    /// Reads a binary operator at `pos`, or returns nil without moving.
    mutating func readBinaryOperator() -> BinaryOperator? {
        let b = peek()
        let n = peek(1)
        let op: BinaryOperator?
        var len = 1
        switch b {
        case UInt8(ascii: "+"): op = .add
        case UInt8(ascii: "-"): op = n == UInt8(ascii: ">") ? nil : .sub
        case UInt8(ascii: "*"): op = .mul
        case UInt8(ascii: "/"): op = .div
        case UInt8(ascii: "%"): op = .mod
        case UInt8(ascii: "="):
            op = n == UInt8(ascii: "=") ? .eq : nil
            len = 2
        case UInt8(ascii: "!"):
            op = n == UInt8(ascii: "=") ? .neq : nil
            len = 2
        case UInt8(ascii: ">"):
            if n == UInt8(ascii: "=") { op = .gte; len = 2 } else { op = .gt }
        case UInt8(ascii: "<"):
            if n == UInt8(ascii: "=") { op = .lte; len = 2 } else { op = .lt }
        case UInt8(ascii: "&"):
            op = n == UInt8(ascii: "&") ? .and : nil
            len = 2
        case UInt8(ascii: "|"):
            if n == UInt8(ascii: "|") { op = .or; len = 2 } else { op = .coalesce }
        default: op = nil
        }
        if op != nil { pos += len }
        return op
    }

    /// Reduces a flat chain level by level, left to right, folding constants.
    func reduce(_ operands: [Expr], _ ops: [(BinaryOperator, Int)]) throws(ParseFailure) -> Expr {
        var fns = operands
        var rest = ops
        for level in 1...4 {
            var newFns: [Expr] = [fns[0]]
            var newOps: [(BinaryOperator, Int)] = []
            for (i, (op, offset)) in rest.enumerated() {
                let rhs = fns[i + 1]
                if op.level == level {
                    let lhs = newFns.removeLast()
                    newFns.append(try combine(op, lhs, rhs, offset: offset))
                } else {
                    newFns.append(rhs)
                    newOps.append((op, offset))
                }
            }
            fns = newFns
            rest = newOps
            if rest.isEmpty { break }
        }
        return fns[0]
    }

    func combine(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, offset: Int) throws(ParseFailure) -> Expr {
        let range = SourceRange(lhs.range.start, rhs.range.end)
        switch op {
        case .and: return LogicalExpr(isAnd: true, lhs, rhs, range: range)
        case .or: return LogicalExpr(isAnd: false, lhs, rhs, range: range)
        case .coalesce: return CoalesceExpr(lhs, rhs, range: range)
        default:
            if let l = lhs as? LiteralExpr, let r = rhs as? LiteralExpr {
                do {
                    let v = try Operators.apply(op, l.value, r.value, lhs: l.annotation, rhs: r.annotation)
                    return LiteralExpr(v, range: range, annotation: r.annotation)
                } catch {
                    throw fail(error.message, at: lhs.range.start, id: "parse.constant")
                }
            }
            return BinaryExpr(op, lhs, rhs, range: range)
        }
    }

    /// A term with an optional leading unary minus (`-x` is `0 - x`).
    mutating func parseTermWithMinus() throws(ParseFailure) -> Expr {
        let start = pos
        if peek() == UInt8(ascii: "-"), peek(1) != UInt8(ascii: ">") {
            pos += 1
            skipWhitespaceAndComments()
            depth += 1
            defer { depth -= 1 }
            if depth > Parser.maxDepth {
                throw fail("expression is nested too deeply", id: "parse.too-deep")
            }
            let operand = try parseTermWithMinus()
            let zero = LiteralExpr(.int(0), range: SourceRange(start, start + 1), annotation: "number literal")
            if let lit = operand as? LiteralExpr {
                do {
                    let v = try Operators.apply(.sub, zero.value, lit.value, lhs: zero.annotation, rhs: lit.annotation)
                    return LiteralExpr(v, range: SourceRange(start, operand.range.end), annotation: lit.annotation)
                } catch {
                    throw fail(error.message, at: start, id: "parse.constant")
                }
            }
            return BinaryExpr(.sub, zero, operand, range: SourceRange(start, operand.range.end))
        }
        return try parseTerm()
    }

    /// `!`? primary tails*.
    mutating func parseTerm() throws(ParseFailure) -> Expr {
        let start = pos
        if peek() == UInt8(ascii: "!"), peek(1) != UInt8(ascii: "=") {
            pos += 1
            skipSpaces()
            if peek() == UInt8(ascii: "!") { throw fail("expected query", id: "parse.double-not") }
            let operand = try parseTerm()
            return NotExpr(operand, range: SourceRange(start, operand.range.end))
        }
        let primary = try parsePrimary()
        return try parseTails(primary)
    }

    // MARK: - Primaries

    mutating func parsePrimary() throws(ParseFailure) -> Expr {
        let start = pos
        let b = peek()
        if atEnd { throw fail("expected query") }
        switch b {
        case UInt8(ascii: "("):
            pos += 1
            skipWhitespaceAndComments()
            let inner = try parseExpression()
            skipWhitespaceAndComments()
            try expect(UInt8(ascii: ")"), ")")
            return inner
        case UInt8(ascii: "\""):
            let s: String
            if peekIs("\"\"\"") { s = try parseTripleQuotedString() } else { s = try parseQuotedString() }
            return LiteralExpr(.string(s), range: SourceRange(start, pos))
        case UInt8(ascii: "["):
            return try parseArrayLiteral()
        case UInt8(ascii: "{"):
            return try parseObjectLiteral()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        case UInt8(ascii: "$"):
            pos += 1
            guard let name = readIdent() else { throw fail("expected variable name") }
            return VariableExpr(name: name, range: SourceRange(start, pos))
        case UInt8(ascii: "@"):
            pos += 1
            if peek() == UInt8(ascii: "\"") {
                let key = try parseQuotedString()
                return MetadataExpr(key: key, range: SourceRange(start, pos))
            }
            if let key = readIdent() { return MetadataExpr(key: key, range: SourceRange(start, pos)) }
            return MetadataExpr(key: nil, range: SourceRange(start, pos))
        default:
            break
        }
        guard let name = readIdent() else {
            throw fail("expected query")
        }
        // Lambda: `name -> body` (spaces and tabs only around the arrow).
        let afterName = pos
        skipSpaces()
        if peekIs("->") {
            pos += 2
            skipSpaces()
            return try parseLambdaBody(name: name, start: start)
        }
        pos = afterName
        switch name {
        case "true": return LiteralExpr(.bool(true), range: SourceRange(start, pos))
        case "false": return LiteralExpr(.bool(false), range: SourceRange(start, pos))
        case "null": return LiteralExpr(.null, range: SourceRange(start, pos))
        case "if" where peek() == 0x20 || peek() == 0x09 || peek() == UInt8(ascii: "("):
            return try parseIfExpression(start: start)
        case "match" where peek() == 0x20 || peek() == 0x09 || peek() == UInt8(ascii: "{"):
            return try parseMatchExpression(start: start)
        default: break
        }
        if peek() == UInt8(ascii: "(") {
            return try parseFunctionCall(name: name, start: start)
        }
        if let slot = namedContexts.lastIndex(of: name) {
            return FieldExpr(base: .named(slot: slot, name: name), path: [], range: SourceRange(start, pos))
        }
        switch name {
        case "this":
            readsThis = true
            return FieldExpr(base: .this, path: [], range: SourceRange(start, pos))
        case "root":
            return FieldExpr(base: .root, path: [], range: SourceRange(start, pos))
        default:
            // Legacy: a bare identifier is a field of `this`.
            readsThis = true
            return FieldExpr(base: .this, path: [name], range: SourceRange(start, pos))
        }
    }

    mutating func parseLambdaBody(name: String, start: Int) throws(ParseFailure) -> Expr {
        if name == "this" || name == "root" {
            throw fail("context name '\(name)' is reserved", at: start)
        }
        if name != "_", namedContexts.contains(name) {
            throw fail("context name '\(name)' would shadow a parent context", at: start)
        }
        let slot = namedContexts.count
        namedContexts.append(name == "_" ? "\u{0}_" : name)
        defer { namedContexts.removeLast() }
        let body = try parseExpression()
        return LambdaExpr(slot: slot, name: name == "_" ? nil : name, body: body, range: SourceRange(start, body.range.end))
    }

    // MARK: - Tails

    /// `.field`, `."quoted"`, `.method(args)` and `.(expr)` after a primary.
    mutating func parseTails(_ base: Expr) throws(ParseFailure) -> Expr {
        var expr = base
        while peek() == UInt8(ascii: ".") {
            let dot = pos
            pos += 1
            skipWhitespaceAndComments()
            if peek() == UInt8(ascii: "(") {
                pos += 1
                skipWhitespaceAndComments()
                let body = try parseExpression()
                skipWhitespaceAndComments()
                try expect(UInt8(ascii: ")"), ")")
                expr = MapTailExpr(target: expr, body: body, range: SourceRange(expr.range.start, pos))
                continue
            }
            let segment: String
            if peek() == UInt8(ascii: "\"") {
                segment = try parseQuotedString()
            } else if let ident = readIdent() {
                if peek() == UInt8(ascii: "(") {
                    expr = try parseMethodCall(target: expr, name: ident, nameOffset: dot + 1)
                    continue
                }
                segment = ident
            } else {
                throw fail("expected field name, method or `(`")
            }
            expr = appendPath(expr, segment)
        }
        return expr
    }

    func appendPath(_ expr: Expr, _ segment: String) -> Expr {
        let range = SourceRange(expr.range.start, pos)
        if let f = expr as? FieldExpr { return FieldExpr(base: f.base, path: f.path + [segment], range: range) }
        if let p = expr as? PathExpr { return PathExpr(target: p.target, path: p.path + [segment], range: range) }
        return PathExpr(target: expr, path: [segment], range: range)
    }

    // MARK: - Control flow

    mutating func parseIfExpression(start: Int) throws(ParseFailure) -> Expr {
        var branches: [(condition: Expr, body: Expr)] = []
        var elseBody: Expr?
        while true {
            skipSpaces()
            let condition = try parseExpression()
            skipSpaces()
            try expect(UInt8(ascii: "{"), "{")
            skipWhitespaceAndComments()
            let body = try parseExpression()
            skipWhitespaceAndComments()
            try expect(UInt8(ascii: "}"), "}")
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
                skipWhitespaceAndComments()
                elseBody = try parseExpression()
                skipWhitespaceAndComments()
                try expect(UInt8(ascii: "}"), "}")
            } else {
                pos = save
            }
            break
        }
        return IfExpr(branches: branches, elseBody: elseBody, range: SourceRange(start, pos))
    }

    mutating func parseMatchExpression(start: Int) throws(ParseFailure) -> Expr {
        skipSpaces()
        var subject: Expr?
        if peek() != UInt8(ascii: "{") {
            subject = try parseExpression()
            skipSpaces()
        }
        try expect(UInt8(ascii: "{"), "{")
        var cases: [(pattern: MatchExpr.Pattern, result: Expr)] = []
        skipWhitespaceAndComments()
        while peek() != UInt8(ascii: "}") {
            if atEnd { throw fail("expected }") }
            let pattern: MatchExpr.Pattern
            if peek() == UInt8(ascii: "_"), !Parser.isIdentByte(peek(1)) {
                pos += 1
                pattern = .wildcard
            } else {
                let p = try parseExpression()
                if let lit = p as? LiteralExpr { pattern = .literal(lit.value) } else { pattern = .condition(p) }
            }
            skipSpaces()
            guard peekIs("=>") else { throw fail("expected =>") }
            pos += 2
            skipWhitespaceAndComments()
            let result = try parseExpression()
            cases.append((pattern, result))
            skipSpacesAndComment()
            if peek() == UInt8(ascii: ",") { pos += 1 }
            skipWhitespaceAndComments()
        }
        pos += 1
        return MatchExpr(subject: subject, cases: cases, range: SourceRange(start, pos))
    }
}
