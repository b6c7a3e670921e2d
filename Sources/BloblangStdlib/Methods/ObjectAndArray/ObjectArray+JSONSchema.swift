import Bloblang
import Foundation

extension ObjectArray {
    /// A JSON Schema validator covering the keywords in common use (types, properties,
    /// required, items, enum/const, numeric and length bounds, patterns, combinators and local
    /// `$ref`s), reporting failures in the words of the gojsonschema library that Benthos uses.
    struct JSONSchema: Sendable {
        let root: Value

        /// One failed check: where it happened and what went wrong.
        struct Failure {
            var context: [String]
            var description: String
            var property: String?

            /// The path of the failing value without the root marker (`foo.0.bar`), or
            /// `(root)` for the document itself.
            var field: String { context.isEmpty ? "(root)" : context.joined(separator: ".") }
        }

        /// The failures of one validation pass and how closely the document matched, which
        /// decides the most helpful branch to report for `anyOf` and `oneOf`.
        struct Outcome {
            var failures: [Failure] = []
            var score = 0
            var isValid: Bool { failures.isEmpty }

            mutating func fail(_ context: [String], _ description: String, property: String? = nil) {
                failures.append(Failure(context: context, description: description, property: property))
                score -= 2
            }

            mutating func merge(_ other: Outcome) {
                failures += other.failures
                score += other.score
            }
        }

        /// Checks `document` and returns Benthos's error text, or `nil` when it is valid.
        func check(_ document: Value) -> String? {
            var outcome = Outcome()
            validate(root, document, [], &outcome)
            guard !outcome.isValid else { return nil }
            return outcome.failures.map { failure in
                var description = failure.description.lowercased()
                if let property = failure.property {
                    let lowered = property.lowercased()
                    if description.hasPrefix(lowered) { description.removeFirst(lowered.count) }
                    description = property + description
                }
                return failure.field + " " + description
            }.joined(separator: "\n")
        }

        // MARK: Walking the document

        func validate(_ schema: Value, _ node: Value, _ context: [String], _ outcome: inout Outcome) {
            let keywords: [String: Value]
            switch schema {
            case .bool(let pass):
                if !pass { outcome.fail(context, "False always fails validation") }
                return
            case .object(let o):
                keywords = o
            default:
                return
            }
            if case .string(let reference)? = keywords["$ref"] {
                if let target = resolve(reference) { validate(target, node, context, &outcome) }
                return
            }
            let types = declaredTypes(keywords["type"])
            func typeFailure(_ given: String) {
                let expected = types.count == 1 ? types[0] : "[" + types.joined(separator: ",") + "]"
                outcome.fail(context, "Invalid type. Expected: \(expected), given: \(given)")
            }
            switch node {
            case .null, .nothing, .delete:
                if !types.isEmpty, !types.contains("null") { return typeFailure("null") }
                combinators(keywords, node, context, &outcome)
                common(keywords, node, context, &outcome)
            case .int, .uint, .float:
                let isInt = Self.isInteger(node)
                let ok = types.contains("number") || (isInt && types.contains("integer"))
                if !types.isEmpty, !ok { return typeFailure(isInt ? "integer" : "number") }
                combinators(keywords, node, context, &outcome)
                number(keywords, node, context, &outcome)
                common(keywords, node, context, &outcome)
            case .array(let elements):
                if !types.isEmpty, !types.contains("array") { return typeFailure("array") }
                combinators(keywords, node, context, &outcome)
                array(keywords, elements, context, &outcome)
                common(keywords, node, context, &outcome)
            case .object(let fields):
                if !types.isEmpty, !types.contains("object") { return typeFailure("object") }
                combinators(keywords, node, context, &outcome)
                object(keywords, fields, context, &outcome)
                common(keywords, node, context, &outcome)
                if case .object(let properties)? = keywords["properties"] {
                    for key in sortedKeys(properties) {
                        if let child = fields[key], let sub = properties[key] {
                            validate(sub, child, context + [key], &outcome)
                        }
                    }
                }
            case .bool:
                if !types.isEmpty, !types.contains("boolean") { return typeFailure("boolean") }
                combinators(keywords, node, context, &outcome)
                common(keywords, node, context, &outcome)
            case .string, .bytes, .timestamp:
                if !types.isEmpty, !types.contains("string") { return typeFailure("string") }
                combinators(keywords, node, context, &outcome)
                common(keywords, node, context, &outcome)
                string(keywords, (try? node.getString()) ?? "", context, &outcome)
            }
            outcome.score += 1
        }

        func subValidate(_ schema: Value, _ node: Value, _ context: [String]) -> Outcome {
            var outcome = Outcome()
            validate(schema, node, context, &outcome)
            return outcome
        }

        func combinators(_ k: [String: Value], _ node: Value, _ context: [String], _ outcome: inout Outcome) {
            if case .array(let options)? = k["anyOf"], !options.isEmpty {
                var best: Outcome?
                var passed = false
                for option in options where !passed {
                    let r = subValidate(option, node, context)
                    passed = r.isValid
                    if !passed, best == nil || r.score > best?.score ?? 0 { best = r }
                }
                if !passed {
                    outcome.fail(context, "Must validate at least one schema (anyOf)")
                    if let best { outcome.merge(best) }
                }
            }
            if case .array(let options)? = k["oneOf"], !options.isEmpty {
                var passes = 0
                var best: Outcome?
                for option in options {
                    let r = subValidate(option, node, context)
                    if r.isValid {
                        passes += 1
                    } else if passes == 0, best == nil || r.score > best?.score ?? 0 {
                        best = r
                    }
                }
                if passes != 1 {
                    outcome.fail(context, "Must validate one and only one schema (oneOf)")
                    if passes == 0, let best { outcome.merge(best) }
                }
            }
            if case .array(let parts)? = k["allOf"], !parts.isEmpty {
                var passes = 0
                for part in parts {
                    let r = subValidate(part, node, context)
                    if r.isValid { passes += 1 }
                    outcome.merge(r)
                }
                if passes != parts.count { outcome.fail(context, "Must validate all the schemas (allOf)") }
            }
            if let negated = k["not"], subValidate(negated, node, context).isValid {
                outcome.fail(context, "Must not validate the schema (not)")
            }
            if let condition = k["if"] {
                let holds = subValidate(condition, node, context).isValid
                if holds, let then = k["then"] {
                    let r = subValidate(then, node, context)
                    if !r.isValid {
                        outcome.fail(context, "Must validate \"then\" as \"if\" was valid")
                        outcome.merge(r)
                    }
                }
                if !holds, let otherwise = k["else"] {
                    let r = subValidate(otherwise, node, context)
                    if !r.isValid {
                        outcome.fail(context, "Must validate \"else\" as \"if\" was not valid")
                        outcome.merge(r)
                    }
                }
            }
            outcome.score += 1
        }

        func common(_ k: [String: Value], _ node: Value, _ context: [String], _ outcome: inout Outcome) {
            let field = context.isEmpty ? "(root)" : context.joined(separator: ".")
            if let constant = k["const"], !Self.same(constant, node) {
                outcome.fail(context, "\(field) does not match: \(Self.json(constant))")
            }
            if case .array(let options)? = k["enum"], !options.isEmpty, !options.contains(where: { Self.same($0, node) }) {
                outcome.fail(context, "\(field) must be one of the following: \(options.map(Self.json).joined(separator: ", "))")
            }
            outcome.score += 1
        }

        func array(_ k: [String: Value], _ elements: [Value], _ context: [String], _ outcome: inout Outcome) {
            switch k["items"] {
            case .array(let positional)?:
                for (i, sub) in positional.enumerated() where i < elements.count {
                    outcome.merge(subValidate(sub, elements[i], context + [String(i)]))
                }
                if positional.count < elements.count {
                    switch k["additionalItems"] {
                    case .bool(false)?:
                        outcome.fail(context, "No additional items allowed on array")
                    case .object?:
                        for i in positional.count..<elements.count {
                            outcome.merge(subValidate(k["additionalItems"] ?? .bool(true), elements[i], context + [String(i)]))
                        }
                    default: break
                    }
                }
            case let single?:
                for (i, element) in elements.enumerated() {
                    outcome.merge(subValidate(single, element, context + [String(i)]))
                }
            case nil: break
            }
            if let min = Self.count(k["minItems"]), elements.count < min {
                outcome.fail(context, "Array must have at least \(min) items")
            }
            if let max = Self.count(k["maxItems"]), elements.count > max {
                outcome.fail(context, "Array must have at most \(max) items")
            }
            if case .bool(true)? = k["uniqueItems"] {
                for j in elements.indices {
                    if let i = elements[..<j].lastIndex(where: { Self.same($0, elements[j]) }) {
                        outcome.fail(context, "array items[\(i),\(j)] must be unique")
                    }
                }
            }
            if let contains = k["contains"] {
                var best: Outcome?
                var found = false
                for (i, element) in elements.enumerated() {
                    let r = subValidate(contains, element, context + [String(i)])
                    if r.isValid {
                        found = true
                        break
                    }
                    if best == nil || r.score > best?.score ?? 0 { best = r }
                }
                if !found {
                    outcome.fail(context, "At least one of the items must match")
                    if let best { outcome.merge(best) }
                }
            }
            outcome.score += 1
        }

        func object(_ k: [String: Value], _ fields: [String: Value], _ context: [String], _ outcome: inout Outcome) {
            if let min = Self.count(k["minProperties"]), fields.count < min {
                outcome.fail(context, "Must have at least \(min) properties")
            }
            if let max = Self.count(k["maxProperties"]), fields.count > max {
                outcome.fail(context, "Must have at most \(max) properties")
            }
            if case .array(let required)? = k["required"] {
                for case .string(let name) in required {
                    if fields[name] != nil {
                        outcome.score += 1
                    } else {
                        outcome.fail(context, "\(name) is required", property: name)
                    }
                }
            }
            let properties: [String: Value]
            if case .object(let p)? = k["properties"] { properties = p } else { properties = [:] }
            let patterns: [String: Value]
            if case .object(let p)? = k["patternProperties"] { patterns = p } else { patterns = [:] }
            for key in sortedKeys(fields) {
                guard let value = fields[key] else { continue }
                var matchedPattern = false
                for pattern in sortedKeys(patterns) where Self.matches(pattern, key) {
                    matchedPattern = true
                    outcome.merge(subValidate(patterns[pattern] ?? .bool(true), value, context + [key]))
                }
                if matchedPattern { outcome.score += 1 }
                if properties[key] != nil || matchedPattern { continue }
                switch k["additionalProperties"] {
                case .bool(false)?:
                    outcome.fail(context, "Additional property \(key) is not allowed", property: key)
                case .object(let sub)?:
                    outcome.merge(subValidate(.object(sub), value, context + [key]))
                default: break
                }
            }
            if let names = k["propertyNames"] {
                for key in sortedKeys(fields) {
                    let r = subValidate(names, .string(key), context)
                    if !r.isValid {
                        outcome.fail(context, "Property name of \"\(key)\" does not match", property: key)
                        outcome.merge(r)
                    }
                }
            }
            outcome.score += 1
        }

        func string(_ k: [String: Value], _ s: String, _ context: [String], _ outcome: inout Outcome) {
            let length = s.unicodeScalars.count
            if let min = Self.count(k["minLength"]), length < min {
                outcome.fail(context, "String length must be greater than or equal to \(min)")
            }
            if let max = Self.count(k["maxLength"]), length > max {
                outcome.fail(context, "String length must be less than or equal to \(max)")
            }
            if case .string(let pattern)? = k["pattern"], !Self.matches(pattern, s) {
                outcome.fail(context, "Does not match pattern '\(pattern)'")
            }
            outcome.score += 1
        }

        func number(_ k: [String: Value], _ node: Value, _ context: [String], _ outcome: inout Outcome) {
            guard let n = try? node.getNumber() else { return }
            func bound(_ key: String) -> Double? {
                guard let v = k[key], v.isNumber else { return nil }
                return try? v.getNumber()
            }
            if let m = bound("multipleOf"), m != 0, (n / m).rounded() != n / m {
                outcome.fail(context, "Must be a multiple of \(Self.format(m))")
            }
            var maximum = bound("maximum")
            var exclusiveMaximum = bound("exclusiveMaximum")
            if case .bool(true)? = k["exclusiveMaximum"] { (maximum, exclusiveMaximum) = (nil, maximum) }
            var minimum = bound("minimum")
            var exclusiveMinimum = bound("exclusiveMinimum")
            if case .bool(true)? = k["exclusiveMinimum"] { (minimum, exclusiveMinimum) = (nil, minimum) }
            if let max = maximum, n > max { outcome.fail(context, "Must be less than or equal to \(Self.format(max))") }
            if let max = exclusiveMaximum, n >= max { outcome.fail(context, "Must be less than \(Self.format(max))") }
            if let min = minimum, n < min { outcome.fail(context, "Must be greater than or equal to \(Self.format(min))") }
            if let min = exclusiveMinimum, n <= min { outcome.fail(context, "Must be greater than \(Self.format(min))") }
            outcome.score += 1
        }

        // MARK: Helpers

        /// Follows a local reference (`#`, `#/definitions/x`, `#/$defs/x`).
        func resolve(_ reference: String) -> Value? {
            guard reference.hasPrefix("#") else { return nil }
            var current = root
            for raw in reference.dropFirst().split(separator: "/") {
                let segment = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                    .removingPercentEncoding ?? String(raw)
                switch current {
                case .object(let o):
                    guard let next = o[segment] else { return nil }
                    current = next
                case .array(let a):
                    guard let i = Int(segment), a.indices.contains(i) else { return nil }
                    current = a[i]
                default:
                    return nil
                }
            }
            return current
        }

        func declaredTypes(_ value: Value?) -> [String] {
            switch value {
            case .string(let t)?: return [t]
            case .array(let list)?: return list.compactMap { if case .string(let t) = $0 { t } else { nil } }
            default: return []
            }
        }

        static func isInteger(_ v: Value) -> Bool {
            switch v {
            case .int, .uint: return true
            case .float(let f): return f.isFinite && f.rounded() == f
            default: return false
            }
        }

        static func count(_ v: Value?) -> Int? {
            guard let v, v.isNumber, let n = try? v.getNumber(), n.isFinite else { return nil }
            return Int(exactly: n.rounded(.towardZero))
        }

        /// JSON equality with numbers compared by value.
        static func same(_ a: Value, _ b: Value) -> Bool {
            switch (a, b) {
            case (.int, _), (.uint, _), (.float, _):
                guard b.isNumber else { return false }
                return (try? a.getNumber()) == (try? b.getNumber())
            case (.string, _), (.bytes, _), (.timestamp, _):
                switch b {
                case .string, .bytes, .timestamp: return (try? a.getString()) == (try? b.getString())
                default: return false
                }
            case (.bool(let l), .bool(let r)): return l == r
            case (.null, .null): return true
            case (.array(let l), .array(let r)):
                return l.count == r.count && zip(l, r).allSatisfy { same($0, $1) }
            case (.object(let l), .object(let r)):
                return l.count == r.count && l.allSatisfy { key, value in r[key].map { same(value, $0) } ?? false }
            default: return false
            }
        }

        /// A value as compact JSON.
        static func json(_ v: Value) -> String {
            let wrapped = Value.array([v]).plainString
            return String(wrapped.dropFirst().dropLast())
        }

        /// A bound as Go's `big.Float` prints it.
        static func format(_ d: Double) -> String {
            if d.rounded() == d, abs(d) < 1e21 { return String(Int64(exactly: d) ?? 0) }
            return String(d)
        }

        static func matches(_ pattern: String, _ s: String) -> Bool {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
            let range = NSRange(s.startIndex..<s.endIndex, in: s)
            return regex.firstMatch(in: s, range: range) != nil
        }
    }
}
