// Micro-benchmarks of the hot paths without process start-up or I/O: the JSON codec and
// the evaluator. Run with `swift run -c release BloblangBenchmarks [NDJSON_FILE] [MAPPING_FILE]`.
// Without files it generates request-shaped documents of its own.
import Bloblang
import BloblangStdlib
import Foundation

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
        + Double(usage.ru_stime.tv_usec) / 1e6
}

/// Runs `body` repeatedly for at least `seconds` of CPU time; returns iterations per CPU second.
func measure(_ name: String, units: Int, bytes: Int = 0, seconds: Double = 2, _ body: () -> Void) {
    body()  // warm up
    let start = cpuSeconds()
    var rounds = 0
    repeat {
        body()
        rounds += 1
    } while cpuSeconds() - start < seconds
    let elapsed = cpuSeconds() - start
    let perSecond = Double(rounds * units) / elapsed
    var line = "\(name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(String(format: "%12.0f", perSecond)) docs/CPU-s"
    if bytes > 0 { line += String(format: "   %8.1f MB/CPU-s", Double(rounds * bytes) / elapsed / 1e6) }
    print(line)
}

func syntheticDocuments(_ n: Int) -> [[UInt8]] {
    (0..<n).map { i in
        let doc: Value = [
            "user_id": .string("u_\(1_000_000 + i)"), "model": " Llama-3-8B ", "prompt": .string(String(repeating: "explain retrieval pipelines ", count: 1 + i % 9)),
            "max_tokens": .int(Int64(16 << (i % 8))), "temperature": .float(Double(i % 20) / 10), "created_at": "2025-01-01T00:00:10Z",
            "metadata": ["source": "web", "session_id": .string("s_\(i)"), "client_version": "1.0.0", "region": "eu-west-1", "priority": .int(Int64(i % 10)), "beta": false],
            "tags": ["rag", " PRIORITY-LOW ", "exp-42", .int(5)],
        ]
        return JSONWriter.compact(doc)
    }
}

let args = CommandLine.arguments
var lines: [[UInt8]]
if args.count > 1, let data = FileManager.default.contents(atPath: args[1]) {
    lines = data.split(separator: UInt8(ascii: "\n")).prefix(20_000).map(Array.init)
} else {
    lines = syntheticDocuments(5_000)
}
let mappingText: String
if args.count > 2, let text = try? String(contentsOfFile: args[2], encoding: .utf8) {
    mappingText = text
} else {
    mappingText = """
        root.id = this.user_id.uppercase()
        root.model = this.model.trim().lowercase()
        root.tokens = (this.prompt.length() / 4).ceil() + this.max_tokens
        root.tags = this.tags.filter(t -> t.type() == "string").map_each(t -> t.trim().uppercase())
        root.region = this.metadata.region | "unknown"
        """
}
let totalBytes = lines.reduce(0) { $0 + $1.count }
print("documents: \(lines.count), \(totalBytes) bytes")

let values = lines.compactMap { try? JSONReader.parse($0) }
measure("json parse", units: lines.count, bytes: totalBytes) {
    for l in lines { _ = try? JSONReader.parse(l) }
}
measure("json serialize (compact)", units: values.count, bytes: totalBytes) {
    var out: [UInt8] = []
    out.reserveCapacity(1 << 16)
    for v in values {
        out.removeAll(keepingCapacity: true)
        JSONWriter.append(v, to: &out)
    }
}
do {
    let mapping = try Environment.standard.parse(mappingText)
    let ctx = mapping.makeContext()
    measure("evaluate (pre-parsed input)", units: values.count) {
        for v in values {
            ctx.setThis(v)
            try? mapping.execute(ctx)
        }
    }
    measure("parse + evaluate + serialize", units: lines.count, bytes: totalBytes) {
        var out: [UInt8] = []
        for l in lines {
            ctx.setThis((try? JSONReader.parse(l)) ?? .null)
            try? mapping.execute(ctx)
            out.removeAll(keepingCapacity: true)
            JSONWriter.append(ctx.root, to: &out)
        }
    }
} catch {
    print("mapping does not parse: \(error)")
}
