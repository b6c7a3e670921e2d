// libFuzzer target: mapping text → parser → evaluator.
//
// Every input is read as mapping text (invalid UTF-8 repaired as Swift does) and parsed with
// the standard environment. A mapping that parses is run on a small fixed message; one that
// does not is tried as a single expression, which is what interpolations and the REPL parse.
// Parse and runtime errors are expected results: only a crash, a sanitizer report or a
// timeout is a finding. Build and run with `scripts/fuzz parser`.
//
// Threads mirror `blobl`: parsing runs on the calling (main) thread with its usual 8 MiB
// stack, evaluation on a thread with a 512 MiB stack as `LargeStack` gives it (maps may
// recurse 5000 deep by design).

import Bloblang
import BloblangStdlib

#if canImport(Glibc)
import Glibc
#endif

/// The standard library without the functions that reach outside the process (`file` could
/// read `/dev/zero`), and with imports served from memory so `import`/`from` are exercised
/// without touching the file system. `SLUICE_FUZZ_NO_IMPORTS=1` (`scripts/fuzz --no-imports`)
/// disables imports, to fuzz past a known import crash.
let fuzzEnvironment: Environment = {
    let base = Environment.standard.without(functions: ["file", "file_rel", "env", "hostname"])
    if let flag = getenv("SLUICE_FUZZ_NO_IMPORTS"), String(cString: flag) == "1" {
        return base.withoutImports()
    }
    return base.with(importer: { path in
        if path.hasSuffix("missing.blobl") { throw FuzzImportError() }
        return "map upper {\n  root = this.string().uppercase()\n}\nmap pass {\n  root = this\n}\n"
    })
}()

struct FuzzImportError: Error {}

/// The message every mapping runs on.
let fuzzInput: [UInt8] = Array(
    #"{"a":1,"b":"hello world","c":[1,2.5,"x",null,true,{"d":-3}],"e":{"f":"g","h":[]},"t":"2024-01-02T03:04:05Z","n":null}"#
        .utf8)
let fuzzMetadata: [String: Value] = ["kind": .string("fuzz"), "n": .int(3)]

/// Words that let a short mapping allocate or loop without bound (`range(0, 1e9)`,
/// `"x".repeat(1e9)`, `"%9999999d".format(1)`, doubly recursive maps). Mappings with one of
/// them and a large number, or with many of them, are parsed but not run, so the fuzzer
/// looks for crashes rather than for the memory and time limits that such mappings reach by
/// design (Benthos has no evaluation time limit either).
let amplifiers: [String] = ["range", "repeat", "format", "pad", "apply", "fold", "map_each", "<<", "pow", "*"]

func isPotentiallyUnbounded(_ text: String) -> Bool {
    guard amplifiers.contains(where: { text.contains($0) }) else { return false }
    var run = 0
    for b in text.utf8 {
        if b >= 0x30 && b <= 0x39 {
            run += 1
            if run >= 4 { return true }
        } else {
            run = 0
        }
    }
    // A map that applies itself twice fans out exponentially (`fib` written naively: three
    // `apply` calls in all), and several amplifiers together multiply (nested loops).
    func occurrences(_ word: String) -> Int { text.components(separatedBy: word).count - 1 }
    if occurrences("apply") >= 3 { return true }
    return amplifiers.reduce(0) { $0 + occurrences($1) } > 3
}

func runMapping(_ mapping: Mapping) {
    let ctx = mapping.makeContext()
    mapping.prepare(ctx, content: fuzzInput, metadata: fuzzMetadata)
    do {
        try mapping.execute(ctx)
        switch ctx.root {
        case .nothing, .delete: break
        case let root: _ = JSONWriter.compact(root)
        }
        for (_, v) in ctx.metadata { _ = JSONWriter.compact(v) }
    } catch {
        _ = error.message
    }
}

func runExpression(_ query: CompiledQuery) {
    let ctx = EvalContext(environment: fuzzEnvironment, content: fuzzInput, metadata: fuzzMetadata)
    if let this = try? JSONReader.parse(fuzzInput) { ctx.setThis(this) }
    do {
        let v = try query.eval(ctx)
        _ = JSONWriter.compact(v)
    } catch {
        _ = error.message
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let run = !isPotentiallyUnbounded(text)
    do {
        let mapping = try fuzzEnvironment.parse(text)
        if run { onLargeStack { runMapping(mapping) } }
    } catch {
        _ = DiagnosticRenderer.compact(error)
        _ = DiagnosticRenderer(useColor: false).render(error)
        do {
            let query = try fuzzEnvironment.parseExpression(text)
            if run { onLargeStack { runExpression(query) } }
        } catch {
            _ = DiagnosticRenderer(useColor: false).render(error)
        }
    }
    return 0
}
