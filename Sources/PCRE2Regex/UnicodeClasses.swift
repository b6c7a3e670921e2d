/// Go's `\p{Name}` classes spelled for PCRE2.
///
/// Go knows the general categories (with their long aliases), the scripts, and three specials:
/// `Any`, `Assigned` and `ASCII`. PCRE2 knows more (binary properties, Bidi classes), so names
/// are checked against Go's list first, and scripts are asked for with `sc:` so that PCRE2 uses
/// the Script property (as Go does) rather than Script_Extensions.
enum UnicodeClasses {
    static let categories: Set<String> = [
        "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl",
        "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs",
    ]

    /// Long category names (Unicode's aliases), keyed by Go's canonical spelling.
    static let aliases: [String: String] = {
        let pairs: [(String, String)] = [
            ("Cased_Letter", "LC"), ("Close_Punctuation", "Pe"), ("Combining_Mark", "M"),
            ("Connector_Punctuation", "Pc"), ("Control", "Cc"), ("Currency_Symbol", "Sc"),
            ("Dash_Punctuation", "Pd"), ("Decimal_Number", "Nd"), ("Enclosing_Mark", "Me"),
            ("Final_Punctuation", "Pf"), ("Format", "Cf"), ("Initial_Punctuation", "Pi"), ("Letter", "L"),
            ("Letter_Number", "Nl"), ("Line_Separator", "Zl"), ("Lowercase_Letter", "Ll"), ("Mark", "M"),
            ("Math_Symbol", "Sm"), ("Modifier_Letter", "Lm"), ("Modifier_Symbol", "Sk"), ("Nonspacing_Mark", "Mn"),
            ("Number", "N"), ("Open_Punctuation", "Ps"), ("Other", "C"), ("Other_Letter", "Lo"),
            ("Other_Number", "No"), ("Other_Punctuation", "Po"), ("Other_Symbol", "So"),
            ("Paragraph_Separator", "Zp"), ("Private_Use", "Co"), ("Punctuation", "P"), ("Separator", "Z"),
            ("Space_Separator", "Zs"), ("Spacing_Mark", "Mc"), ("Surrogate", "Cs"), ("Symbol", "S"),
            ("Titlecase_Letter", "Lt"), ("Uppercase_Letter", "Lu"), ("digit", "Nd"), ("punct", "P"),
        ]
        var map: [String: String] = [:]
        for (k, v) in pairs { map[canonical(k)] = v }
        return map
    }()

    /// Go's `canonicalName`: separators dropped, first letter upper case, the rest lower case.
    static func canonical(_ name: String) -> String {
        var out = ""
        var first = true
        for c in name.unicodeScalars where c != "_" && c != "-" && c != " " {
            if first {
                out += String(c).uppercased()
                first = false
            } else {
                out += String(c).lowercased()
            }
        }
        return out
    }

    /// A class body (usable inside `[...]`) for `\p{name}` (or `\P{name}` when not positive),
    /// or nil when Go does not know the name.
    static func body(for name: String, positive: Bool, caseless: Bool = false) -> String? {
        guard !name.isEmpty,
            name.unicodeScalars.allSatisfy({ isASCIIAlnum($0) || $0 == "_" || $0 == "-" || $0 == " " })
        else { return nil }
        let p = positive ? "\\p" : "\\P"
        let key = canonical(name)
        switch key {
        case "Any": return p + "{Any}"
        case "Assigned": return (positive ? "\\P" : "\\p") + "{Cn}"
        case "Ascii": return positive ? "\\x{0}-\\x{7F}" : "\\x{80}-\\x{10FFFF}"
        case "Lc": return p + "{L&}"
        default: break
        }
        var category: String? = categories.contains(name) ? name : nil
        if category == nil {
            category = categories.first { canonical($0) == key } ?? aliases[key]
        }
        if let category {
            // Under (?i) Go adds the case variants of the letters, which PCRE2 leaves out.
            if category == "LC" || (caseless && ["Lu", "Ll", "Lt"].contains(category)) { return p + "{L&}" }
            // Go's C is Cc+Cf+Co+Cs; PCRE2's C also holds the unassigned code points.
            if category == "C" { return positive ? "\\p{Cc}\\p{Cf}\\p{Co}\\p{Cs}" : "\\P{C}\\p{Cn}" }
            return p + "{" + category + "}"
        }
        let script = p + "{sc:" + name + "}"
        return PCRE2Pattern.compiles("[" + script + "]") ? script : nil
    }
}
