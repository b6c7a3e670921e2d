/// A binary operator of Bloblang.
enum BinaryOperator: String, Sendable {
    case add = "+", sub = "-", mul = "*", div = "/", mod = "%"
    case eq = "==", neq = "!=", gt = ">", lt = "<", gte = ">=", lte = "<="
    case and = "&&", or = "||", coalesce = "|"

    /// The verb Benthos uses in type-mismatch errors.
    var verb: String {
        switch self {
        case .add: "add"
        case .sub: "subtract"
        case .div: "divide"
        case .mul: "multiply"
        case .mod: "modulo"
        case .eq, .neq, .gt, .lt, .gte, .lte: "compare"
        case .and: "boolean and"
        case .or: "boolean or"
        case .coalesce: "coalesce"
        }
    }

    /// Binding level: 1 binds tightest (`* / % |`), then `+ -`, comparisons, and `&& ||`.
    var level: Int {
        switch self {
        case .mul, .div, .mod, .coalesce: 1
        case .add, .sub: 2
        case .eq, .neq, .gt, .lt, .gte, .lte: 3
        case .and, .or: 4
        }
    }
}

/// Arithmetic and comparison: both sides are evaluated, then combined.
final class BinaryExpr: Expr, @unchecked Sendable {
    let op: BinaryOperator
    let lhs: Expr
    let rhs: Expr

    init(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, range: SourceRange) {
        self.op = op
        self.lhs = lhs
        self.rhs = rhs
        super.init(range: range)
    }

    override func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value {
        let l = try lhs.eval(ctx)
        let r = try rhs.eval(ctx)
        return try Operators.apply(op, l, r, lhs: self.lhs.annotation, rhs: self.rhs.annotation)
    }

    override var annotation: String { rhs.annotation }
}

/// `&&` and `||`, which short-circuit.
final class LogicalExpr: Expr, @unchecked Sendable {
    let isAnd: Bool
    let lhs: Expr
    let rhs: Expr
    init(isAnd: Bool, _ lhs: Expr, _ rhs: Expr, range: SourceRange) {
        self.isAnd = isAnd
        self.lhs = lhs
        self.rhs = rhs
        super.init(range: range)
    }
    override func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value {
        let l = try lhs.eval(ctx).getBool()
        if isAnd ? !l : l { return .bool(l) }
        return .bool(try rhs.eval(ctx).getBool())
    }
    override var annotation: String { rhs.annotation }
}

/// `a | b`: `a` unless it failed or is null-like.
final class CoalesceExpr: Expr, @unchecked Sendable {
    let lhs: Expr
    let rhs: Expr
    init(_ lhs: Expr, _ rhs: Expr, range: SourceRange) {
        self.lhs = lhs
        self.rhs = rhs
        super.init(range: range)
    }
    override func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value {
        if let l = try? lhs.eval(ctx), !l.isNullLike { return l }
        return try rhs.eval(ctx)
    }
    override var annotation: String { rhs.annotation }
}

/// `!x`.
final class NotExpr: Expr, @unchecked Sendable {
    let operand: Expr
    init(_ operand: Expr, range: SourceRange) {
        self.operand = operand
        super.init(range: range)
    }
    override func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value {
        let v = try operand.eval(ctx)
        guard case .bool(let b) = v else { throw RuntimeError.type(expected: [.bool], got: v, from: operand.annotation) }
        return .bool(!b)
    }
    override var annotation: String { "not \(operand.annotation)" }
}

/// The operator semantics, shared by evaluation and constant folding.
enum Operators {
    /// Applies `op`; the annotations are only computed when an error needs them.
    static func apply(
        _ op: BinaryOperator, _ l: Value, _ r: Value, lhs: @autoclosure () -> String, rhs: @autoclosure () -> String
    ) throws(RuntimeError) -> Value {
        func mismatch() -> RuntimeError { .mismatch(op.verb, l, from: lhs(), r, from: rhs()) }
        switch op {
        case .add:
            switch l {
            case .int, .uint, .float:
                return try numeric(l, r, mismatch, int: { $0 &+ $1 }, uint: { $0 &+ $1 }, float: { $0 + $1 })
            case .string, .bytes:
                guard let ls = try? l.getString(), let rs = try? r.getString() else { throw mismatch() }
                return .string(ls + rs)
            default:
                throw mismatch()
            }
        case .sub:
            return try numeric(l, r, mismatch, int: { $0 &- $1 }, uint: { $0 &- $1 }, float: { $0 - $1 })
        case .mul:
            return try numeric(l, r, mismatch, int: { $0 &* $1 }, uint: { $0 &* $1 }, float: { $0 * $1 })
        case .div:
            guard let a = try? l.getNumber(), let b = try? r.getNumber() else { throw mismatch() }
            if b == 0 { throw RuntimeError("attempted to divide by zero", code: .divideByZero).from(rhs()) }
            return .float(a / b)
        case .mod:
            guard let a = try? l.getInt(), let b = try? r.getInt() else { throw mismatch() }
            if b == 0 { throw RuntimeError("attempted to divide by zero", code: .divideByZero).from(rhs()) }
            return .int(a.remainderReportingOverflow(dividingBy: b).partialValue)
        case .eq, .neq, .gt, .lt, .gte, .lte:
            return .bool(try compare(op, l, r, mismatch))
        case .and, .or, .coalesce:
            throw mismatch()  // handled by their own nodes
        }
    }

    /// Benthos's number degradation: float if either side is a float, else int64 if either
    /// side is signed, else uint64.
    @inline(__always)
    static func numeric(
        _ l: Value, _ r: Value, _ mismatch: () -> RuntimeError,
        int: (Int64, Int64) -> Int64, uint: (UInt64, UInt64) -> UInt64, float: (Double, Double) -> Double
    ) throws(RuntimeError) -> Value {
        if case .float(let a) = l {
            guard let b = try? r.getNumber() else { throw mismatch() }
            return .float(float(a, b))
        }
        if case .float(let b) = r {
            guard let a = try? l.getNumber() else { throw mismatch() }
            return .float(float(a, b))
        }
        if case .int(let a) = l {
            guard let b = try? r.getInt() else { throw mismatch() }
            return .int(int(a, b))
        }
        if case .int(let b) = r {
            guard let a = try? l.getInt() else { throw mismatch() }
            return .int(int(a, b))
        }
        guard case .uint(let a) = l, case .uint(let b) = r else { throw mismatch() }
        return .uint(uint(a, b))
    }

    static func compare(_ op: BinaryOperator, _ l: Value, _ r: Value, _ mismatch: () -> RuntimeError) throws(RuntimeError) -> Bool
    {
        let isEquality = op == .eq || op == .neq
        func generic() -> Bool { op == .eq ? l.looselyEquals(r) : !l.looselyEquals(r) }
        switch l {
        case .string, .bytes, .timestamp:
            guard let ls = try? l.getString() else { throw mismatch() }
            guard let rs = try? r.getString() else {
                if isEquality { return generic() }
                throw mismatch()
            }
            return orderedBytes(op, ls, rs)
        case .int, .uint, .float:
            if isEquality {
                // A number is never equal to a non-number: no need to build the mismatch error.
                switch r {
                case .int, .uint, .float: break
                default: return generic()
                }
            }
            let result: Value
            do {
                result = try numeric(
                    l, r, mismatch, int: { a, b in ordered(op, a, b) ? 1 : 0 },
                    uint: { a, b in ordered(op, a, b) ? 1 : 0 },
                    float: { a, b in ordered(op, a, b) ? 1 : 0 })
            } catch {
                if isEquality { return generic() }
                throw error
            }
            switch result {
            case .int(let i): return i == 1
            case .uint(let u): return u == 1
            case .float(let f): return f == 1
            default: return false
            }
        case .bool(let lb):
            guard isEquality else { throw mismatch() }
            guard let rb = try? r.getBool() else { return generic() }
            return op == .eq ? lb == rb : lb != rb
        default:
            guard isEquality else { throw mismatch() }
            return generic()
        }
    }

    /// Strings order and compare by their UTF-8 bytes, as Go's do.
    static func orderedBytes(_ op: BinaryOperator, _ a: String, _ b: String) -> Bool {
        switch op {
        case .eq: return a.utf8.elementsEqual(b.utf8)
        case .neq: return !a.utf8.elementsEqual(b.utf8)
        case .lt: return a.utf8.lexicographicallyPrecedes(b.utf8)
        case .gt: return b.utf8.lexicographicallyPrecedes(a.utf8)
        case .lte: return !b.utf8.lexicographicallyPrecedes(a.utf8)
        case .gte: return !a.utf8.lexicographicallyPrecedes(b.utf8)
        default: return false
        }
    }

    @inline(__always)
    static func ordered<T: Comparable>(_ op: BinaryOperator, _ a: T, _ b: T) -> Bool {
        switch op {
        case .eq: a == b
        case .neq: a != b
        case .gt: a > b
        case .lt: a < b
        case .gte: a >= b
        case .lte: a <= b
        default: false
        }
    }
}
