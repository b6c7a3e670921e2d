/// Renders parse errors for people: a `file:line:col` header, the source line with a caret
/// under the position, and `= help:` lines.
public struct DiagnosticRenderer: Sendable {
    /// Whether to use ANSI colours (only on a terminal, and never in tests).
    public var useColor: Bool

    public init(useColor: Bool = false) { self.useColor = useColor }

    /// Benthos's compact form: `line 1 char 8: message`.
    public static func compact(_ error: ParseError) -> String { error.description }

    /// The rich form.
    public func render(_ error: ParseError) -> String {
        let loc = error.location
        let file = error.source.path ?? "<mapping>"
        let red = useColor ? "\u{1B}[31m" : ""
        let bold = useColor ? "\u{1B}[1m" : ""
        let blue = useColor ? "\u{1B}[34m" : ""
        let reset = useColor ? "\u{1B}[0m" : ""
        let lineText = error.source.lineText(loc.line)
        let gutter = String(loc.line)
        let pad = String(repeating: " ", count: gutter.count)
        var caretPad = ""
        for (i, ch) in lineText.enumerated() where i < loc.column - 1 { caretPad.append(ch == "\t" ? "\t" : " ") }
        var out = "\(red)\(bold)error\(reset)\(bold): \(error.message)\(reset)\n"
        out += "\(pad)\(blue)--> \(reset)\(file):\(loc.line):\(loc.column)\n"
        out += "\(pad) \(blue)|\(reset)\n"
        out += "\(blue)\(gutter) |\(reset) \(lineText)\n"
        out += "\(pad) \(blue)|\(reset) \(caretPad)\(red)^\(reset)\n"
        for h in error.help { out += "\(pad) \(blue)=\(reset) help: \(h)\n" }
        return out
    }
}
