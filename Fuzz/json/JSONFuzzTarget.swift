// libFuzzer target: bytes → JSON decoder → writer → decoder.
//
// Checks, for every input the decoder accepts:
//  1. the compact serialisation parses again to a value equal to the first (`looselyEquals`:
//     `-0.0` is written `-0` and read back as the integer 0, which is equal by value);
//  2. serialising is a fixed point after one round trip (the second and third texts match);
//  3. the indented serialisation parses to the same value as the compact one (inputs up to
//     4 KiB);
//  4. the stream reader (`decodeFirst`) accepts the document too and ends inside it;
//  5. the all-floats mode (`parse_json()`'s numbers) accepts it as well.
// A failed check prints both sides and aborts, which libFuzzer records as a crash.
// Rejected inputs only need to fail cleanly. Build and run with `scripts/fuzz json`.
//
// The checks run on a large-stack thread, as mappings do in `blobl`: the reader is iterative,
// but `looselyEquals` and the release of a deeply nested value recurse once per level.

import Bloblang

#if canImport(Glibc)
import Glibc
#endif

func fail(_ what: String, _ input: UnsafeBufferPointer<UInt8>, _ details: [(String, [UInt8])]) -> Never {
    var message = "JSON fuzz check failed: \(what)\n  input: \(Array(input.prefix(200)))\n"
    for (label, bytes) in details {
        message += "  \(label): \(String(decoding: bytes.prefix(400), as: UTF8.self))\n"
    }
    fputs(message, stderr)
    abort()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    onLargeStack { checkRoundTrip(input) }
    return 0
}

func checkRoundTrip(_ input: UnsafeBufferPointer<UInt8>) {
    let bytes = Array(input)

    let first: Value
    do {
        first = try JSONReader.parse(bytes)
    } catch {
        _ = error.message
        // The stream reader must also fail cleanly (or read a leading value).
        _ = try? JSONReader.decodeFirst(bytes)
        return
    }

    let text1 = JSONWriter.compact(first)
    let second: Value
    do {
        second = try JSONReader.parse(text1)
    } catch {
        fail("compact output does not parse (\(error.message))", input, [("compact", text1)])
    }
    if !first.looselyEquals(second) {
        fail("value changed through compact round trip", input,
             [("compact", text1), ("reparsed", JSONWriter.compact(second))])
    }

    let text2 = JSONWriter.compact(second)
    guard let third = try? JSONReader.parse(text2) else {
        fail("second compact output does not parse", input, [("compact2", text2)])
    }
    let text3 = JSONWriter.compact(third)
    if text2 != text3 {
        fail("serialisation is not a fixed point", input, [("compact2", text2), ("compact3", text3)])
    }

    // The indented text grows with depth × lines (a 9999-deep array indents to 200 MB, as
    // Go's does too), so this check skips inputs that could nest more than 2048 deep.
    if bytes.count <= 4096 { checkPretty(first, text2, input) }

    do {
        let (value, end) = try JSONReader.decodeFirst(bytes)
        if end > bytes.count || !value.looselyEquals(first) {
            fail("stream reader disagrees (end \(end) of \(bytes.count))", input,
                 [("parse", text1), ("decodeFirst", JSONWriter.compact(value))])
        }
    } catch {
        fail("stream reader refuses a valid document (\(error.message))", input, [("parse", text1)])
    }

    do {
        let floats = try JSONReader.parse(bytes, numbers: .allFloats)
        if !floats.looselyEquals(first) {
            fail("all-floats mode reads different values", input,
                 [("parse", text1), ("allFloats", JSONWriter.compact(floats))])
        }
    } catch {
        fail("all-floats mode refuses a valid document (\(error.message))", input, [("parse", text1)])
    }
}

/// Check 3: the indented text reads back to what the compact text reads back to.
func checkPretty(_ first: Value, _ text2: [UInt8], _ input: UnsafeBufferPointer<UInt8>) {
    let pretty = JSONWriter.pretty(first, indent: "  ")
    do {
        let fromPretty = try JSONReader.parse(pretty)
        if JSONWriter.compact(fromPretty) != text2 {
            fail("indented output reads back differently", input,
                 [("pretty", pretty), ("compact(pretty)", JSONWriter.compact(fromPretty)), ("compact2", text2)])
        }
    } catch {
        fail("indented output does not parse (\(error.message))", input, [("pretty", pretty)])
    }
}
