import Bloblang
import Foundation
import StreamRuntime

/// Benthos's `include_prefixes` / `include_patterns` pair, which picks the metadata keys (or
/// header names) that cross between a message and an HTTP request or response.
struct MetadataFilter: @unchecked Sendable {
    // NSRegularExpression is immutable once built and safe to share across threads.
    let prefixes: [String]
    let patterns: [NSRegularExpression]

    /// Reads `include_prefixes` and `include_patterns` of `config`; `lowercased` folds the
    /// prefixes for matching lower-case names (HTTP header names).
    init(_ config: ComponentConfig, lowercased: Bool = false) throws(ConfigError) {
        let rawPrefixes = try config.stringList("include_prefixes")
        prefixes = lowercased ? rawPrefixes.map { $0.lowercased() } : rawPrefixes
        var compiled: [NSRegularExpression] = []
        for p in try config.stringList("include_patterns") {
            do { compiled.append(try NSRegularExpression(pattern: p)) } catch {
                throw config.error("invalid regular expression '\(p)'", field: "include_patterns")
            }
        }
        patterns = compiled
    }

    var isEmpty: Bool { prefixes.isEmpty && patterns.isEmpty }

    func matches(_ key: String) -> Bool {
        prefixes.contains { key.hasPrefix($0) }
            || patterns.contains { $0.firstMatch(in: key, range: NSRange(key.startIndex..., in: key)) != nil }
    }

    /// The entries of `metadata` the filter selects, sorted by key.
    func select(_ metadata: [String: Value]) -> [(String, Value)] {
        if isEmpty { return [] }
        return metadata.filter { matches($0.key) }.sorted { $0.key < $1.key }
    }
}
