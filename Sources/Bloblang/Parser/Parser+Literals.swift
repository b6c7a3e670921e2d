// MARK: - Literals and calls

extension Parser {
    /// A double-quoted string with Go escapes (`strconv.Unquote` rules).
    mutating func parseQuotedString() throws(ParseFailure) -> String {
        let start = pos
        guard peek() == UInt8(ascii: "\"") else { throw fail("expected quoted string") }
        pos += 1
        var out: [UInt8] = []
        while true {
            guard pos < bytes.count else { throw fail("required: expected end quote", at: start) }
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                pos += 1
                break
            }
            if b == 0x0A { throw fail("required: expected end quote", at: start) }
            if b != UInt8(ascii: "\\") {
                out.append(b)
                pos += 1
                continue
            }
            pos += 1
            guard pos < bytes.count else { throw fail("required: expected end quote", at: start) }
            let e = bytes[pos]
            pos += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "'"): throw fail("invalid escape sequence \\'", at: pos - 2)
            case UInt8(ascii: "x"):
                guard let v = readHex(2) else { throw fail("invalid escape sequence", at: pos - 2) }
                out.append(UInt8(v))
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                guard let v = readHex(e == UInt8(ascii: "u") ? 4 : 8) else {
                    throw fail("invalid escape sequence", at: pos - 2)
                }
                let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var v = UInt32(e - 0x30)
                for _ in 0..<2 {
                    guard pos < bytes.count, bytes[pos] >= 0x30, bytes[pos] <= 0x37 else {
                        throw fail("invalid escape sequence", at: pos)
                    }
                    v = v * 8 + UInt32(bytes[pos] - 0x30)
                    pos += 1
                }
                guard v <= 255 else { throw fail("invalid escape sequence", at: pos) }
                out.append(UInt8(v))
            default:
                throw fail("invalid escape sequence \\\(Character(Unicode.Scalar(e)))", at: pos - 2)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func readHex(_ n: Int) -> UInt32? {
        guard pos + n <= bytes.count else { return nil }
        var v: UInt32 = 0
        for i in 0..<n {
            let c = bytes[pos + i]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - 0x41 + 10)
            default: return nil
            }
            v = v * 16 + d
        }
        pos += n
        return v
    }

    /// `"""raw text"""`: no escapes, newlines kept.
    mutating func parseTripleQuotedString() throws(ParseFailure) -> String {
        let start = pos
        pos += 3
        let contentStart = pos
        while pos + 2 < bytes.count + 0 {
            if bytes[pos] == UInt8(ascii: "\""), bytes[pos + 1] == UInt8(ascii: "\""), bytes[pos + 2] == UInt8(ascii: "\"") {
                let s = String(decoding: bytes[contentStart..<pos], as: UTF8.self)
                pos += 3
                return s
            }
            pos += 1
        }
        throw fail("required: expected end triple-quote", at: start)
    }

    /// `123` or `1.5` (digits on both sides of the point).
    mutating func parseNumber() throws(ParseFailure) -> Expr {
        let start = pos
        while pos < bytes.count, bytes[pos] >= 0x30, bytes[pos] <= 0x39 { pos += 1 }
        var isFloat = false
        if peek() == UInt8(ascii: "."), peek(1) >= 0x30, peek(1) <= 0x39 {
            isFloat = true
            pos += 1
            while pos < bytes.count, bytes[pos] >= 0x30, bytes[pos] <= 0x39 { pos += 1 }
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        let range = SourceRange(start, pos)
        if isFloat {
            guard let f = Double(text) else { throw fail("failed to parse '\(text)' as float", at: start) }
            return LiteralExpr(.float(f), range: range)
        }
        guard let i = Int64(text) else {
            throw fail(
                "failed to parse '\(text)' as integer: strconv.ParseInt: parsing \(GoStrconv.quote(text)): value out of range",
                at: start)
        }
        return LiteralExpr(.int(i), range: range)
    }

    mutating func parseArrayLiteral() throws(ParseFailure) -> Expr {
        let start = pos
        pos += 1
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth {
            throw fail("expression is nested too deeply", id: "parse.too-deep")
        }
        var elements: [Expr] = []
        skipWhitespaceAndComments()
        while peek() != UInt8(ascii: "]") {
            if atEnd { throw fail("expected ]") }
            elements.append(try parseExpression())
            skipWhitespaceAndComments()
            if peek() == UInt8(ascii: ",") {
                pos += 1
                skipWhitespaceAndComments()
            } else if peek() != UInt8(ascii: "]") {
                throw fail("expected , or ]")
            }
        }
        pos += 1
        let range = SourceRange(start, pos)
        if elements.allSatisfy({ $0 is LiteralExpr }) {
            let values = elements.compactMap { ($0 as? LiteralExpr)?.value }.filter { !$0.isSentinel }
            return LiteralExpr(.array(values), range: range, annotation: "array literal")
        }
        return ArrayExpr(elements, range: range)
    }

    mutating func parseObjectLiteral() throws(ParseFailure) -> Expr {
        let start = pos
        pos += 1
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth {
            throw fail("expression is nested too deeply", id: "parse.too-deep")
        }
        var entries: [(key: ObjectExpr.Key, value: Expr)] = []
        skipWhitespaceAndComments()
        while peek() != UInt8(ascii: "}") {
            if atEnd { throw fail("expected }") }
            let keyStart = pos
            let key: ObjectExpr.Key
            if peek() == UInt8(ascii: "\"") && !peekIs("\"\"\"") {
                key = .constant(try parseQuotedString())
            } else {
                let k = try parseExpression()
                if let lit = k as? LiteralExpr {
                    guard case .string(let s) = lit.value else {
                        throw fail("object keys must be strings, received: \(goTypeName(lit.value))", at: keyStart)
                    }
                    key = .constant(s)
                } else {
                    key = .dynamic(k)
                }
            }
            skipWhitespaceAndComments()
            try expect(UInt8(ascii: ":"), ":")
            skipWhitespaceAndComments()
            let value = try parseExpression()
            entries.append((key, value))
            skipWhitespaceAndComments()
            if peek() == UInt8(ascii: ",") {
                pos += 1
                skipWhitespaceAndComments()
            } else if peek() != UInt8(ascii: "}") {
                throw fail("expected , or }")
            }
        }
        pos += 1
        let range = SourceRange(start, pos)
        var constant: [String: Value] = [:]
        for (k, v) in entries {
            guard case .constant(let ks) = k, let lit = v as? LiteralExpr else {
                return ObjectExpr(entries, range: range)
            }
            if !lit.value.isSentinel { constant[ks] = lit.value }
        }
        return LiteralExpr(.object(constant), range: range, annotation: "object literal")
    }

    // MARK: - Calls

    /// Reads `(args)` and matches them to `params`.
    mutating func parseArguments(_ params: [ParameterSpec], callee: String) throws(ParseFailure) -> ArgumentList {
        let open = pos
        pos += 1
        var positional: [Expr] = []
        var named: [(String, Expr, Int)] = []
        skipWhitespaceAndComments()
        while peek() != UInt8(ascii: ")") {
            if atEnd { throw fail("expected )") }
            let argStart = pos
            // `name: value`
            var isNamed = false
            if let ident = readIdent() {
                skipSpaces()
                if peek() == UInt8(ascii: ":") {
                    pos += 1
                    skipWhitespaceAndComments()
                    named.append((ident, try parseExpression(), argStart))
                    isNamed = true
                } else {
                    pos = argStart
                }
            }
            if !isNamed { positional.append(try parseExpression()) }
            skipWhitespaceAndComments()
            if peek() == UInt8(ascii: ",") {
                pos += 1
                skipWhitespaceAndComments()
            } else if peek() != UInt8(ascii: ")") {
                throw fail("expected , or )")
            }
        }
        pos += 1
        let close = pos
        if !positional.isEmpty, !named.isEmpty {
            throw fail("cannot mix named and nameless arguments", at: open)
        }
        var params = params
        if let last = params.last, last.isVariadic {
            // Expand the variadic parameter to one slot per extra argument.
            params.removeLast()
            if !named.isEmpty { throw fail("named arguments are not supported by \(callee)", at: open) }
            let extra = max(0, positional.count - params.count)
            params.append(contentsOf: Array(repeating: last, count: extra))
        }
        var slots = [Expr?](repeating: nil, count: params.count)
        if !named.isEmpty {
            for (name, e, at) in named {
                guard let i = params.firstIndex(where: { $0.name == name }) else {
                    let help = Suggest.closest(to: name, in: params.map(\.name)).map { ["did you mean `\($0)`?"] } ?? []
                    throw fail("unknown parameter \(name)", at: at, id: "parameter.unknown", help: help)
                }
                slots[i] = e
            }
        } else {
            if positional.count > params.count {
                throw fail("wrong number of arguments, expected \(params.count), got \(positional.count)", at: close)
            }
            for (i, e) in positional.enumerated() { slots[i] = e }
        }
        for (i, p) in params.enumerated() where slots[i] == nil && !p.canBeOmitted {
            throw fail("missing parameter: \(p.name)", at: close)
        }
        return ArgumentList(params: params, slots: slots)
    }

    mutating func parseFunctionCall(name: String, start: Int) throws(ParseFailure) -> Expr {
        guard let spec = env.functions[name] else {
            let help = Suggest.closest(to: name, in: Array(env.functions.keys)).map { ["did you mean `\($0)`?"] } ?? []
            throw fail("unrecognised function '\(name)'", at: start, id: "function.unknown", help: help)
        }
        let args = try parseArguments(spec.params, callee: name)
        let range = SourceRange(start, pos)
        // The markers are literals, so operators on them fail at parse time as in Benthos.
        if name == "deleted" { return LiteralExpr(.delete, range: range, annotation: "delete") }
        if name == "nothing" { return LiteralExpr(.nothing, range: range, annotation: "nothing") }
        if env.isDeactivated {
            return PreparedFunctionExpr(
                name: name, body: { _ in throw RuntimeError("function \(name) is deactivated") }, range: range)
        }
        if args.isConstant {
            // Prepared once per call site (impure functions keep per-site state such as
            // `counter()` there); the prepared body runs per call.
            do {
                let prepared = try spec.prepare(try args.constantArguments())
                return PreparedFunctionExpr(name: name, body: prepared, range: range)
            } catch {
                throw fail(runtimeError(error).message, at: pos, id: "function.arguments")
            }
        }
        return DynamicFunctionExpr(spec: spec, args: args, range: range)
    }

    mutating func parseMethodCall(target: Expr, name: String, nameOffset: Int) throws(ParseFailure) -> Expr {
        guard let spec = env.methods[name] else {
            let help = Suggest.closest(to: name, in: Array(env.methods.keys)).map { ["did you mean `\($0)`?"] } ?? []
            throw fail("unrecognised method '\(name)'", at: nameOffset, id: "method.unknown", help: help)
        }
        let args = try parseArguments(spec.params, callee: name)
        let range = SourceRange(target.range.start, pos)
        if env.isDeactivated {
            return MethodExpr(
                target: target, spec: spec, prepared: { _, _ in throw RuntimeError("method \(name) is deactivated") }, args: args,
                range: range)
        }
        var prepared: MethodSpec.Prepared?
        if args.isConstant, case .prepare(let prepare) = spec.body {
            do {
                prepared = try prepare(try args.constantArguments())
            } catch {
                throw fail(runtimeError(error).message, at: pos, id: "method.arguments")
            }
        }
        // Method calls are not folded, even on literal targets: Benthos folds only operators.
        return MethodExpr(target: target, spec: spec, prepared: prepared, args: args, range: range)
    }
}
