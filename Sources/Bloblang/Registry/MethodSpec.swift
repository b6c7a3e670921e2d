/// A method declared once: its name, docs, parameters, examples and implementation.
///
/// The body receives arguments already checked against `params`. When every argument of a
/// call is a literal, `prepare` runs once at parse time (so a regex compiles once and a bad
/// literal argument is a parse error); otherwise it runs per call.
public struct MethodSpec: Sendable {
    /// A method body that has seen its arguments and now maps targets to results.
    public typealias Prepared = @Sendable (_ target: Value, _ ctx: EvalContext) throws -> Value
    /// A body that takes the target as evaluated, or the error evaluating it raised.
    public typealias Catching =
        @Sendable (_ target: Result<Value, RuntimeError>, _ args: Arguments, _ ctx: EvalContext) throws -> Value

    /// A body that evaluates its target itself, as often as it likes (`from`, `from_all`).
    public typealias Lazy = @Sendable (_ target: () throws -> Value, _ args: Arguments, _ ctx: EvalContext) throws -> Value

    public enum Body: Sendable {
        case prepare(@Sendable (Arguments) throws -> Prepared)
        case lazy(Lazy)
    }

    public var name: String
    public var category: Category
    public var status: Status
    public var summary: String
    public var description: String
    public var params: [ParameterSpec]
    public var impure: Bool
    public var examples: [Example]
    public var body: Body
    /// The `#fileID` of the declaration, checked against the name by an invariant test.
    public var fileID: String

    /// Declares a method whose body runs per call with checked arguments.
    public init(
        _ name: String, category: Category, status: Status = .stable, summary: String, description: String = "",
        params: [ParameterSpec] = [], impure: Bool = false, examples: [Example] = [], fileID: String = #fileID,
        body: @escaping @Sendable (_ target: Value, _ args: Arguments, _ ctx: EvalContext) throws -> Value
    ) {
        self.init(
            name, category: category, status: status, summary: summary, description: description, params: params,
            impure: impure, examples: examples, fileID: fileID,
            prepare: { args in { target, ctx in try body(target, args, ctx) } })
    }

    /// Declares a method that prepares work from its arguments once (parse time for literals).
    public init(
        _ name: String, category: Category, status: Status = .stable, summary: String, description: String = "",
        params: [ParameterSpec] = [], impure: Bool = false, examples: [Example] = [], fileID: String = #fileID,
        prepare: @escaping @Sendable (Arguments) throws -> Prepared
    ) {
        self.name = name
        self.category = category
        self.status = status
        self.summary = summary
        self.description = description
        self.params = params
        self.impure = impure
        self.examples = examples.map {
            var e = $0
            e.owner = name
            return e
        }
        self.body = .prepare(prepare)
        self.fileID = fileID
    }

    /// Declares a method that sees errors raised by its target (`catch`, `or`).
    public init(
        _ name: String, category: Category, status: Status = .stable, summary: String, description: String = "",
        params: [ParameterSpec] = [], examples: [Example] = [], fileID: String = #fileID,
        catching: @escaping Catching
    ) {
        self.init(
            name, category: category, status: status, summary: summary, description: description, params: params,
            examples: examples, fileID: fileID, prepare: { _ in { v, _ in v } })
        self.body = .lazy { target, args, ctx in
            let t: Result<Value, RuntimeError>
            do { t = .success(try target()) } catch {
                t = .failure(error as? RuntimeError ?? RuntimeError(String(describing: error)))
            }
            return try catching(t, args, ctx)
        }
    }

    /// Declares a method that evaluates its target itself.
    public init(
        _ name: String, category: Category, status: Status = .stable, summary: String, description: String = "",
        params: [ParameterSpec] = [], examples: [Example] = [], fileID: String = #fileID,
        lazy: @escaping Lazy
    ) {
        self.init(
            name, category: category, status: status, summary: summary, description: description, params: params,
            examples: examples, fileID: fileID, prepare: { _ in { v, _ in v } })
        self.body = .lazy(lazy)
    }
}

/// A function declared once: its name, docs, parameters, examples and implementation.
public struct FunctionSpec: Sendable {
    public typealias Prepared = @Sendable (_ ctx: EvalContext) throws -> Value

    public var name: String
    public var category: Category
    public var status: Status
    public var summary: String
    public var description: String
    public var params: [ParameterSpec]
    public var impure: Bool
    public var examples: [Example]
    public var prepare: @Sendable (Arguments) throws -> Prepared
    public var fileID: String

    /// Declares a function whose body runs per call with checked arguments.
    public init(
        _ name: String, category: Category, status: Status = .stable, summary: String, description: String = "",
        params: [ParameterSpec] = [], impure: Bool = false, examples: [Example] = [], fileID: String = #fileID,
        body: @escaping @Sendable (_ args: Arguments, _ ctx: EvalContext) throws -> Value
    ) {
        self.init(
            name, category: category, status: status, summary: summary, description: description, params: params,
            impure: impure, examples: examples, fileID: fileID,
            prepare: { args in { ctx in try body(args, ctx) } })
    }

    /// Declares a function that prepares work (or per-call-site state) from its arguments once.
    public init(
        _ name: String, category: Category, status: Status = .stable, summary: String, description: String = "",
        params: [ParameterSpec] = [], impure: Bool = false, examples: [Example] = [], fileID: String = #fileID,
        prepare: @escaping @Sendable (Arguments) throws -> Prepared
    ) {
        self.name = name
        self.category = category
        self.status = status
        self.summary = summary
        self.description = description
        self.params = params
        self.impure = impure
        self.examples = examples.map {
            var e = $0
            e.owner = name
            return e
        }
        self.prepare = prepare
        self.fileID = fileID
    }
}
