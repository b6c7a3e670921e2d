import Bloblang

extension Stdlib {
    /// The methods of this category, in documentation order.
    static let stringMethods: [MethodSpec] = [
        .capitalize,
        .contains,
        .escapeHTML,
        .escapeURLPath,
        .escapeURLQuery,
        .filepathJoin,
        .filepathSplit,
        .format,
        .hasPrefix,
        .hasSuffix,
        .indexOf,
        .length,
        .lowercase,
        .quote,
        .repeat,
        .replaceAll,
        .replaceAllMany,
        .reverse,
        .slice,
        .split,
        .trim,
        .trimPrefix,
        .trimSuffix,
        .unescapeHTML,
        .unescapeURLPath,
        .unescapeURLQuery,
        .unquote,
        .uppercase,
        .replace,
        .replaceMany,
    ]
}
