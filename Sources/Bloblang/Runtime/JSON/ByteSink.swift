/// A growable byte buffer for the JSON writer's inner loops: plain pointer stores without the
/// uniqueness and capacity bookkeeping of `Array.append`.
struct ByteSink: ~Copyable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toAtLeast: count + 1) }
        base[count] = byte
        count &+= 1
    }

    @inline(__always)
    mutating func append(_ a: UInt8, _ b: UInt8) {
        if count &+ 2 > capacity { grow(toAtLeast: count + 2) }
        base[count] = a
        base[count &+ 1] = b
        count &+= 2
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafePointer<UInt8>, count n: Int) {
        if count &+ n > capacity { grow(toAtLeast: count + n) }
        (base + count).initialize(from: bytes, count: n)
        count &+= n
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let p = bytes.baseAddress else { return }
        append(p, count: bytes.count)
    }

    @inline(__always)
    mutating func append(_ bytes: StaticString) {
        append(bytes.utf8Start, count: bytes.utf8CodeUnitCount)
    }

    /// Makes room for `n` more bytes and returns where they go; call ``advance(by:)`` after
    /// writing them.
    @inline(__always)
    mutating func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if count &+ n > capacity { grow(toAtLeast: count + n) }
        return base + count
    }

    @inline(__always)
    mutating func advance(by n: Int) {
        count &+= n
    }

    private mutating func grow(toAtLeast minimum: Int) {
        var newCapacity = capacity * 2
        while newCapacity < minimum { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// The bytes written so far, as an array.
    var bytes: [UInt8] {
        [UInt8](UnsafeBufferPointer(start: base, count: count))
    }

    /// Appends the bytes written so far to `out`.
    func copy(to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }
}
