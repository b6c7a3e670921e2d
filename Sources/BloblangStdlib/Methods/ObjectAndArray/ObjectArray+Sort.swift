import Bloblang

extension ObjectArray {
    /// Sorts `values` with the same sequence of comparisons as Go's `sort.Slice`
    /// (pattern-defeating quicksort, insertion sort for short runs, heapsort fallback).
    ///
    /// Matching Go step by step matters: the order of equal elements, the result of a
    /// comparison that is not a strict order, and which element an error names all depend
    /// on the exact comparisons made. `less` receives the array in its current order and two
    /// positions in it; the first error it throws ends the sort.
    static func goSort(_ values: inout [Value], less: ([Value], Int, Int) throws -> Bool) throws {
        let n = values.count
        values = try withoutActuallyEscaping(less) { less in
            var sorter = GoSorter(data: values, lessFn: less)
            try sorter.pdqsort(0, n, limit: bitLength(UInt(n)))
            return sorter.data
        }
    }

    /// The number of bits needed to represent `x` (Go's `bits.Len`).
    static func bitLength(_ x: UInt) -> Int {
        x == 0 ? 0 : UInt.bitWidth - x.leadingZeroBitCount
    }
}

/// The state of one `goSort` run.
private struct GoSorter {
    var data: [Value]
    let lessFn: ([Value], Int, Int) throws -> Bool

    private enum Hint { case unknown, increasing, decreasing }

    func less(_ i: Int, _ j: Int) throws -> Bool { try lessFn(data, i, j) }
    mutating func swap(_ i: Int, _ j: Int) { data.swapAt(i, j) }

    mutating func insertionSort(_ a: Int, _ b: Int) throws {
        var i = a + 1
        while i < b {
            var j = i
            while j > a, try less(j, j - 1) {
                swap(j, j - 1)
                j -= 1
            }
            i += 1
        }
    }

    mutating func siftDown(_ lo: Int, _ hi: Int, first: Int) throws {
        var root = lo
        while true {
            var child = 2 * root + 1
            if child >= hi { return }
            if child + 1 < hi, try less(first + child, first + child + 1) { child += 1 }
            if !(try less(first + root, first + child)) { return }
            swap(first + root, first + child)
            root = child
        }
    }

    mutating func heapSort(_ a: Int, _ b: Int) throws {
        let first = a
        let hi = b - a
        var i = (hi - 1) / 2
        while i >= 0 {
            try siftDown(i, hi, first: first)
            i -= 1
        }
        i = hi - 1
        while i >= 0 {
            swap(first, first + i)
            try siftDown(0, i, first: first)
            i -= 1
        }
    }

    mutating func pdqsort(_ start: Int, _ end: Int, limit startLimit: Int) throws {
        var a = start
        var b = end
        var limit = startLimit
        var wasBalanced = true
        var wasPartitioned = true
        while true {
            let length = b - a
            if length <= 12 {
                try insertionSort(a, b)
                return
            }
            if limit == 0 {
                try heapSort(a, b)
                return
            }
            if !wasBalanced {
                breakPatterns(a, b)
                limit -= 1
            }
            var (pivot, hint) = try choosePivot(a, b)
            if hint == .decreasing {
                reverseRange(a, b)
                pivot = (b - 1) - (pivot - a)
                hint = .increasing
            }
            if wasBalanced, wasPartitioned, hint == .increasing {
                if try partialInsertionSort(a, b) { return }
            }
            if a > 0, !(try less(a - 1, pivot)) {
                a = try partitionEqual(a, b, pivot)
                continue
            }
            let (mid, alreadyPartitioned) = try partition(a, b, pivot)
            wasPartitioned = alreadyPartitioned
            let leftLen = mid - a
            let rightLen = b - mid
            let balanceThreshold = length / 8
            if leftLen < rightLen {
                wasBalanced = leftLen >= balanceThreshold
                try pdqsort(a, mid, limit: limit)
                a = mid + 1
            } else {
                wasBalanced = rightLen >= balanceThreshold
                try pdqsort(mid + 1, b, limit: limit)
                b = mid
            }
        }
    }

    mutating func partition(_ a: Int, _ b: Int, _ pivot: Int) throws -> (Int, Bool) {
        swap(a, pivot)
        var i = a + 1
        var j = b - 1
        while i <= j, try less(i, a) { i += 1 }
        while i <= j, !(try less(j, a)) { j -= 1 }
        if i > j {
            swap(j, a)
            return (j, true)
        }
        swap(i, j)
        i += 1
        j -= 1
        while true {
            while i <= j, try less(i, a) { i += 1 }
            while i <= j, !(try less(j, a)) { j -= 1 }
            if i > j { break }
            swap(i, j)
            i += 1
            j -= 1
        }
        swap(j, a)
        return (j, false)
    }

    mutating func partitionEqual(_ a: Int, _ b: Int, _ pivot: Int) throws -> Int {
        swap(a, pivot)
        var i = a + 1
        var j = b - 1
        while true {
            while i <= j, !(try less(a, i)) { i += 1 }
            while i <= j, try less(a, j) { j -= 1 }
            if i > j { break }
            swap(i, j)
            i += 1
            j -= 1
        }
        return i
    }

    mutating func partialInsertionSort(_ a: Int, _ b: Int) throws -> Bool {
        let maxSteps = 5
        let shortestShifting = 50
        var i = a + 1
        for _ in 0..<maxSteps {
            while i < b, !(try less(i, i - 1)) { i += 1 }
            if i == b { return true }
            if b - a < shortestShifting { return false }
            swap(i, i - 1)
            if i - a >= 2 {
                var j = i - 1
                while j >= 1 {
                    if !(try less(j, j - 1)) { break }
                    swap(j, j - 1)
                    j -= 1
                }
            }
            if b - i >= 2 {
                var j = i + 1
                while j < b {
                    if !(try less(j, j - 1)) { break }
                    swap(j, j - 1)
                    j += 1
                }
            }
        }
        return false
    }

    mutating func breakPatterns(_ a: Int, _ b: Int) {
        let length = b - a
        guard length >= 8 else { return }
        var random = UInt64(length)
        let modulus = UInt(1) << ObjectArray.bitLength(UInt(length))
        var idx = a + (length / 4) * 2 - 1
        while idx <= a + (length / 4) * 2 + 1 {
            random ^= random << 13
            random ^= random >> 17
            random ^= random << 5
            var other = Int(UInt(truncatingIfNeeded: random) & (modulus - 1))
            if other >= length { other -= length }
            swap(idx, a + other)
            idx += 1
        }
    }

    private func choosePivot(_ a: Int, _ b: Int) throws -> (Int, Hint) {
        let shortestNinther = 50
        let maxSwaps = 4 * 3
        let l = b - a
        var swaps = 0
        var i = a + l / 4 * 1
        var j = a + l / 4 * 2
        var k = a + l / 4 * 3
        if l >= 8 {
            if l >= shortestNinther {
                i = try median(i - 1, i, i + 1, &swaps)
                j = try median(j - 1, j, j + 1, &swaps)
                k = try median(k - 1, k, k + 1, &swaps)
            }
            j = try median(i, j, k, &swaps)
        }
        switch swaps {
        case 0: return (j, .increasing)
        case maxSwaps: return (j, .decreasing)
        default: return (j, .unknown)
        }
    }

    func order2(_ a: Int, _ b: Int, _ swaps: inout Int) throws -> (Int, Int) {
        if try less(b, a) {
            swaps += 1
            return (b, a)
        }
        return (a, b)
    }

    func median(_ a0: Int, _ b0: Int, _ c0: Int, _ swaps: inout Int) throws -> Int {
        var a = a0
        var b = b0
        var c = c0
        (a, b) = try order2(a, b, &swaps)
        (b, c) = try order2(b, c, &swaps)
        (a, b) = try order2(a, b, &swaps)
        return b
    }

    mutating func reverseRange(_ a: Int, _ b: Int) {
        var i = a
        var j = b - 1
        while i < j {
            swap(i, j)
            i += 1
            j -= 1
        }
    }
}
