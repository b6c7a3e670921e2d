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
/// without touching the file system.
let fuzzEnvironment: Environment = Environment.standard
    .without(functions: ["file", "file_rel", "env", "hostname"])
    .with(importer: { path in
        if path.hasSuffix("missing.blobl") { throw FuzzImportError() }
        return "map upper {\n  root = this.string().uppercase()\n}\nmap pass {\n  root = this\n}\n"
    })

struct FuzzImportError: Error {}

/// The message every mapping runs on.
let fuzzInput: [UInt8] = Array(
    #"{"a":1,"b":"hello world","c":[1,2.5,"x",null,true,{"d":-3}],"e":{"f":"g","h":[]},"t":"2024-01-02T03:04:05Z","n":null}"#
        .utf8)
let fuzzMetadata: [String: Value] = ["kind": .string("fuzz"), "n": .int(3)]

/// Words that let a short mapping allocate or loop without bound (`range(0, 1e9)`,
/// `"x".repeat(1e9)`, `"%9999999d".format(1)`, doubly recursive maps). Mappings with one of
/// them and a large number are parsed but not run, so the fuzzer looks for crashes rather
/// than for the memory and time limits that such mappings reach by design.
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
    // Several amplifiers together multiply (nested loops, recursion that fans out).
    return amplifiers.reduce(0) { $0 + (text.components(separatedBy: $1).count - 1) } > 3
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

/// The evaluation stack size, as `LargeStack.size` in BloblangTooling.
let evaluationStackSize = 512 << 20

/// Runs `body` on a new thread with a large stack and waits for it.
func onLargeStack(_ body: @escaping () -> Void) {
    final class Work { let body: () -> Void; init(_ body: @escaping () -> Void) { self.body = body } }
    var attr = pthread_attr_t()
    pthread_attr_init(&attr)
    defer { pthread_attr_destroy(&attr) }
    pthread_attr_setstacksize(&attr, evaluationStackSize)
    let context = Unmanaged.passRetained(Work(body)).toOpaque()
    var thread = pthread_t()
    let rc = pthread_create(&thread, &attr, { raw in
        guard let raw else { return nil }
        let work = Unmanaged<Work>.fromOpaque(raw).takeRetainedValue()
        work.body()
        return nil
    }, context)
    if rc != 0 {
        Unmanaged<Work>.fromOpaque(context).takeRetainedValue().body()
        return
    }
    pthread_join(thread, nil)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let run = !isPotentiallyUnbounded(text)
    do {
        let mapping = try fuzzEnvironment.parse(text)
        if run { onLargeStack { runMapping(mapping) } }
    } catch {
        _ = error.description
        _ = DiagnosticRenderer.compact(error)
        do {
            let query = try fuzzEnvironment.parseExpression(text)
            if run { onLargeStack { runExpression(query) } }
        } catch {
            _ = error.description
        }
    }
    return 0
}
