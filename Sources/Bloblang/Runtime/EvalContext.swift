/// The mutable state of one mapping execution: the current context value, the output being
/// built, metadata, variables and lambda parameters.
///
/// A context is used by one execution at a time; the executor creates or resets one per
/// message, so nothing here needs locking.
public final class EvalContext {
    /// The current context value (`this`).
    public internal(set) var this: Value
    /// Set when the message could not be read as structured data: reading `this` raises it.
    var thisFailure: RuntimeError?
    /// The output document being built (`root`).
    public var root: Value
    /// When set, `this` reads `root` (a mutation changes the document it reads).
    var thisFollowsRoot = false
    /// The message metadata. `@key` reads it and `meta key = v` writes it.
    public var metadata: [String: Value]
    /// Variables bound by `let`.
    public var vars: [String: Value]
    /// The raw content of the message (`content()`).
    public var content: [UInt8]
    /// The error flagged on the message by an earlier processor (`error()`), if any.
    public var messageError: String?
    /// The position of the message in its batch and the batch size.
    public var batchIndex: Int = 0
    public var batchSize: Int = 1
    /// The environment that parsed the running mapping (for methods that parse at run time).
    public let environment: Environment
    /// Lambda parameters, one slot per lexical lambda depth.
    var locals: [Value]
    /// Named maps of the running mapping.
    var maps: [String: MapDefinition]
    var mapDepth = 0

    public init(
        environment: Environment, this: Value = .null, content: [UInt8] = [], metadata: [String: Value] = [:]
    ) {
        self.environment = environment
        self.this = this
        self.root = .nothing
        self.metadata = metadata
        self.vars = [:]
        self.content = content
        self.locals = []
        self.maps = [:]
    }

    /// Runs `body` with `this` bound to `value`, restoring the previous value afterwards.
    public func with<T, E: Error>(this value: Value, _ body: () throws(E) -> T) throws(E) -> T {
        let saved = this
        let savedFailure = thisFailure
        let savedFollows = thisFollowsRoot
        this = value
        thisFailure = nil
        thisFollowsRoot = false
        defer {
            this = saved
            thisFailure = savedFailure
            thisFollowsRoot = savedFollows
        }
        return try body()
    }

    /// Replaces the context value for a new message whose structured form could not be read.
    public func setThis(_ value: Value, failure: RuntimeError? = nil) {
        this = value
        thisFailure = failure
    }

    /// The other messages of the batch, for `.from()` and `.from_all()`. Empty means the
    /// batch is just this message.
    public var batch: [BatchMessage] = []

    /// Runs `body` as if the message at `index` of the batch were the current one.
    public func withMessage<T>(at index: Int, _ body: () throws -> T) throws -> T {
        if batch.isEmpty {
            guard index == batchIndex else {
                throw RuntimeError("message index \(index) is out of range for a batch of \(max(batchSize, 1))")
            }
            return try body()
        }
        guard index >= 0, index < batch.count else {
            throw RuntimeError("message index \(index) is out of range for a batch of \(batch.count)")
        }
        let m = batch[index]
        let saved = (this, thisFailure, content, metadata, batchIndex)
        content = m.content
        metadata = m.metadata
        batchIndex = index
        if let s = m.structured {
            this = s; thisFailure = nil
        } else {
            do { this = try JSONReader.parse(m.content); thisFailure = nil } catch {
                this = .null
                thisFailure = RuntimeError(
                    "unable to reference message as structured (with 'this'): parse as json: \(error.message)")
            }
        }
        defer { (this, thisFailure, content, metadata, batchIndex) = saved }
        return try body()
    }

    /// Runs the named map `name` with `value` as its `this`, as `.apply(name)` does: the map
    /// starts with a fresh `root` and no variables.
    public func apply(map name: String, to value: Value) throws -> Value {
        guard let map = maps[name] else { throw RuntimeError("map \(name) was not found") }
        if mapDepth >= environment.maxMapRecursion {
            throw RuntimeError(
                "entering map \(name) exceeded maximum allowed stacks of \(environment.maxMapRecursion), this could be due to unbounded recursion"
            )
        }
        let savedRoot = root
        let savedVars = vars
        let savedThis = this
        let savedFailure = thisFailure
        let savedFollows = thisFollowsRoot
        thisFollowsRoot = false
        mapDepth += 1
        root = .nothing
        vars = [:]
        this = value
        thisFailure = nil
        defer {
            mapDepth -= 1
            root = savedRoot
            vars = savedVars
            this = savedThis
            thisFailure = savedFailure
            thisFollowsRoot = savedFollows
        }
        try map.body.run(self)
        return root
    }

    /// True when a named map called `name` is defined in the running mapping.
    public func hasMap(_ name: String) -> Bool { maps[name] != nil }
}

/// One message of a batch as a mapping sees it.
public struct BatchMessage: Sendable {
    public var content: [UInt8]
    public var metadata: [String: Value]
    /// The structured form, when already known.
    public var structured: Value?
    public init(content: [UInt8], metadata: [String: Value] = [:], structured: Value? = nil) {
        self.content = content
        self.metadata = metadata
        self.structured = structured
    }
}
