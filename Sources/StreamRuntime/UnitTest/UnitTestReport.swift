import Bloblang

/// What happened to one test case.
public struct CaseResult: Sendable {
    public var name: String
    /// The line of the case in its definition file.
    public var line: Int
    /// Why it failed, one entry per problem (Benthos's wording); empty when it passed.
    public var failures: [String]

    public var passed: Bool { failures.isEmpty }

    public init(name: String, line: Int, failures: [String] = []) {
        self.name = name
        self.line = line
        self.failures = failures
    }
}

/// What happened to the cases of one config.
public struct TargetResult: Sendable {
    public var target: UnitTestTarget
    /// Lint errors of the config (they fail the target, as in Benthos).
    public var lints: [ConfigError]
    public var cases: [CaseResult]

    public var passed: Bool { lints.isEmpty && cases.allSatisfy(\.passed) }

    public init(target: UnitTestTarget, lints: [ConfigError] = [], cases: [CaseResult] = []) {
        self.target = target
        self.lints = lints
        self.cases = cases
    }
}

/// The outcome of `sluice test`: every target, or the error that stopped the search for them.
public struct UnitTestReport: Sendable {
    public var targets: [TargetResult]
    /// Set when the targets could not be found (a definition without its config, a
    /// definition that does not parse); nothing ran then.
    public var error: String?

    public init(targets: [TargetResult] = [], error: String? = nil) {
        self.targets = targets
        self.error = error
    }

    /// True when tests ran and all passed. Finding no tests at all is a failure, as in Benthos.
    public var passed: Bool { error == nil && !targets.isEmpty && targets.allSatisfy(\.passed) }

    // MARK: - Text

    /// The report as `sluice test` prints it to standard output: a line per config
    /// (`Test 'x.yaml' succeeded`), then the failures of each failed config. With `verbose`,
    /// each case is listed with PASS or FAIL before its config's line.
    public func text(verbose: Bool = false) -> String {
        if error != nil { return "" }
        if targets.isEmpty { return "No tests were found\n" }
        var out = ""
        for t in targets {
            if verbose {
                for c in t.cases { out += "  \(c.passed ? "PASS" : "FAIL") \(c.name.isEmpty ? "(unnamed)" : c.name)\n" }
            }
            out += "Test '\(t.target.configPath)' \(t.passed ? "succeeded" : "failed")\n"
        }
        let failed = targets.filter { !$0.passed }
        guard !failed.isEmpty else { return out }
        out += "\nFailures:\n\n"
        for (i, t) in failed.enumerated() {
            if i > 0 { out += "\n" }
            out += "--- \(t.target.configPath) ---\n\n"
            for lint in t.lints { out += "Lint: \(Self.render(lint))\n" }
            let failedCases = t.cases.filter { !$0.passed }
            if !failedCases.isEmpty, !t.lints.isEmpty { out += "\n" }
            for (j, c) in failedCases.enumerated() {
                if j > 0 { out += "\n" }
                out += "\(c.name) [line \(c.line)]:\n"
                for f in c.failures { out += f + "\n" }
            }
        }
        return out
    }

    /// `(line,column) path: message`, Benthos's lint form with our YAML path.
    static func render(_ lint: ConfigError) -> String {
        var s = lint.location.map { "(\($0.line),\($0.column)) " } ?? ""
        if !lint.path.isEmpty { s += "\(lint.path): " }
        return s + lint.message
    }

    // MARK: - JSON

    /// The report as a JSON document (`sluice test --json`):
    /// `{"passed": bool, "error": string?, "targets": [{"config", "definition", "passed",
    /// "lints": [..], "cases": [{"name", "line", "passed", "failures": [..]}]}]}`.
    public var json: Value {
        var o: [String: Value] = [
            "passed": .bool(passed),
            "targets": .array(
                targets.map { t in
                    .object([
                        "config": .string(t.target.configPath),
                        "definition": .string(t.target.definitionPath),
                        "passed": .bool(t.passed),
                        "lints": .array(t.lints.map { .string(Self.render($0)) }),
                        "cases": .array(
                            t.cases.map { c in
                                .object([
                                    "name": .string(c.name), "line": .int(Int64(c.line)), "passed": .bool(c.passed),
                                    "failures": .array(c.failures.map(Value.string)),
                                ])
                            }),
                    ])
                }),
        ]
        if let error { o["error"] = .string(error) }
        return .object(o)
    }
}
