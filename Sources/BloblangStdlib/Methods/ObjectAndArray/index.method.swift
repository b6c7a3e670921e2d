import Bloblang

extension MethodSpec {
    static let index = MethodSpec(
        "index", category: .objectAndArray,
        summary: "Returns the element of an array at an index; negative indexes count back from the end.",
        description: "On bytes the byte at the index is returned as a number. An index outside the array is an error.",
        params: [.int("index", "The position of the element; -1 is the last one.")],
        examples: [
            Example(#"root.last = this.names.index(-1)"#, #"{"names":["ann","bob","cat"]}"#, #"{"last":"cat"}"#),
            Example(#"root.first_byte = this.word.bytes().index(0)"#, #"{"word":"hi"}"#, #"{"first_byte":104}"#),
            Example(
                #"root.x = this.names.index(5)"#, #"{"names":["ann","bob"]}"#,
                #"Error("failed assignment (line 1): field `this.names`: index '5' was out of bounds for array size: 2")"#),
        ]
    ) { target, args, _ in
        let requested = Int(truncatingIfNeeded: args.int(0))
        func position(count: Int) throws -> Int {
            let i = requested < 0 ? count &+ requested : requested
            guard i >= 0, i < count else {
                throw RuntimeError("index '\(i)' was out of bounds for array size: \(count)")
            }
            return i
        }
        switch target {
        case .array(let elements): return elements[try position(count: elements.count)]
        case .bytes(let bytes): return .int(Int64(bytes[try position(count: bytes.count)]))
        default: throw RuntimeError.type(expected: [.array], got: target)
        }
    }
}
