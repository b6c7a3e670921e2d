import Bloblang
import BloblangStdlib
import Testing

/// Checks that the registry is well formed: names, parameters, examples, files.
@Suite struct SpecInvariantTests {
    static var namePattern: Regex<(Substring, Substring?)> { #/^[a-z0-9]+(_[a-z0-9]+)*$/# }

    struct Entry: CustomTestStringConvertible, Sendable {
        var kind: String
        var name: String
        var params: [ParameterSpec]
        var status: Status
        var examples: Int
        var fileID: String
        var testDescription: String { "\(kind) \(name)" }
    }

    static let entries: [Entry] =
        Stdlib.functions.map { Entry(kind: "function", name: $0.name, params: $0.params, status: $0.status, examples: $0.examples.count, fileID: $0.fileID) }
        + Stdlib.methods.map { Entry(kind: "method", name: $0.name, params: $0.params, status: $0.status, examples: $0.examples.count, fileID: $0.fileID) }

    @Test func namesAreUniquePerKind() {
        for kind in ["function", "method"] {
            var seen: [String: Int] = [:]
            for e in Self.entries where e.kind == kind { seen[e.name, default: 0] += 1 }
            let dups = seen.filter { $0.value > 1 }.keys.sorted()
            #expect(dups.isEmpty, "duplicate \(kind) names: \(dups)")
        }
    }

    @Test(arguments: entries)
    func specIsWellFormed(_ e: Entry) {
        #expect(e.name.wholeMatch(of: Self.namePattern) != nil, "name is not snake_case")
        var sawOptional = false
        for p in e.params {
            #expect(p.name.wholeMatch(of: Self.namePattern) != nil, "parameter \(p.name) is not snake_case")
            if p.canBeOmitted { sawOptional = true } else {
                #expect(!sawOptional, "required parameter \(p.name) follows an optional one")
            }
            if let d = p.defaultValue, p.kind != .any, p.kind != .query {
                #expect((try? p.check(d)) != nil, "default of \(p.name) does not have type \(p.kind)")
            }
        }
        if e.status == .stable {
            #expect(e.examples > 0, "stable spec without examples")
        }
        let base = e.fileID.split(separator: "/").last.map(String.init) ?? ""
        #expect(base == "\(e.name).\(e.kind).swift", "spec declared in \(base), expected \(e.name).\(e.kind).swift")
    }

    @Test func everyCategoryIsDocumented() {
        for c in Category.allCases { #expect(!c.summary.isEmpty) }
    }
}
