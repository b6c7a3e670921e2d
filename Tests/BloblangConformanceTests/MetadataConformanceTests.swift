import Bloblang
import BloblangStdlib
import BloblangTooling
import Foundation
import Testing

/// The conformance cases that the command line cannot express (input metadata, expected
/// output metadata), fed to the library directly. The vectors live outside the repository
/// (`../shared/conformance`, or `SLUICE_CONFORMANCE_DIR`); without them there is nothing to run.
@Suite struct MetadataConformanceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var id: String
        var mapping: String
        var input: String
        var inputMeta: [String: Value]
        var expect: [String: Value]
        var expectMeta: [String: Value]?
        var testDescription: String { id }
    }

    static var casesDirectory: URL? {
        let env = ProcessInfo.processInfo.environment["SLUICE_CONFORMANCE_DIR"]
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = env.map { URL(fileURLWithPath: $0) } ?? root.deletingLastPathComponent().appendingPathComponent("shared/conformance")
        let cases = dir.appendingPathComponent("cases")
        return FileManager.default.fileExists(atPath: cases.path) ? cases : nil
    }

    static let cases: [Case] = {
        guard let dir = casesDirectory else { return [] }
        var out: [Case] = []
        for file in ["v1spec.jsonl", "methods.jsonl", "functions.jsonl", "guides.jsonl"] {
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(file).path) else { continue }
            for line in data.split(separator: UInt8(ascii: "\n")) {
                guard case .object(let o) = (try? JSONReader.parse(Array(line))) ?? .null,
                      case .array(let requires) = o["requires"] ?? .null,
                      requires.contains(where: { $0.looselyEquals(.string("metadata")) }),
                      case .string(let id) = o["id"] ?? .null,
                      case .string(let mapping) = o["mapping"] ?? .null,
                      case .object(let expect) = o["expect"] ?? .null
                else { continue }
                var inputMeta: [String: Value] = [:]
                if case .object(let m) = o["input_meta"] ?? .null { inputMeta = m }
                var expectMeta: [String: Value]?
                if case .object(let m) = o["expect_meta"] ?? .null { expectMeta = m }
                let input: String
                if case .string(let s) = o["input"] ?? .null { input = s } else { input = "null" }
                out.append(Case(id: id, mapping: mapping, input: input, inputMeta: inputMeta, expect: expect, expectMeta: expectMeta))
            }
        }
        return out
    }()

    @Test(.enabled(if: !cases.isEmpty, "conformance vectors not found"), arguments: cases)
    func metadataCase(_ c: Case) throws {
        let mapping: Mapping
        do {
            mapping = try Environment.standard.parse(c.mapping)
        } catch {
            #expect(c.expect["parse_error"] != nil, "unexpected parse error: \(error)")
            return
        }
        let ctx = mapping.makeContext()
        let bytes = Array(c.input.utf8)
        ctx.content = bytes
        ctx.metadata = c.inputMeta
        ctx.setThis((try? JSONReader.parse(bytes)) ?? .null)
        do {
            try mapping.execute(ctx)
        } catch {
            #expect(c.expect["error"] != nil, "unexpected error: \(error.message)")
            return
        }
        #expect(c.expect["error"] == nil && c.expect["parse_error"] == nil, "expected a failure, got success")
        if case .string(let expected) = c.expect["output"] ?? .null {
            let actual: Value
            switch ctx.root {
            case .nothing: actual = (try? JSONReader.parse(bytes)) ?? .string(c.input)
            case .string(let s): actual = (try? JSONReader.parse(Array(s.utf8))) ?? .string(s)
            default: actual = ctx.root
            }
            let expectedValue = (try? JSONReader.parse(Array(expected.utf8))) ?? .string(expected)
            #expect(ExampleChecker.strictlyEqual(expectedValue, actual), "output \(actual.plainString), expected \(expected)")
        }
        if let expectMeta = c.expectMeta {
            #expect(ExampleChecker.strictlyEqual(.object(expectMeta), .object(ctx.metadata)),
                    "metadata \(Value.object(ctx.metadata).plainString), expected \(Value.object(expectMeta).plainString)")
        }
    }
}
