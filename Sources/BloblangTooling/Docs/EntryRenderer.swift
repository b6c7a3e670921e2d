import Bloblang

/// Renders one function or method: heading, status, prose, parameters and examples.
struct EntryRenderer {
    var entry: DocEntry

    func render() -> String {
        var out = "### \(Markdown.code(entry.name))\n\n"
        var badges: [String] = []
        if entry.status != .stable { badges.append("**\(entry.status.rawValue)**") }
        if entry.impure { badges.append("**impure**") }
        if !badges.isEmpty { out += badges.joined(separator: " · ") + "\n\n" }

        out += Markdown.code(entry.signature) + "\n\n"
        out += trimmed(entry.summary) + "\n"
        let description = trimmed(entry.description)
        if !description.isEmpty { out += "\n" + description + "\n" }

        if !entry.params.isEmpty { out += "\n" + parameterTable() }
        if !entry.examples.isEmpty {
            out += "\n**\(entry.examples.count == 1 ? "Example" : "Examples")**\n"
            for example in entry.examples { out += "\n" + render(example) }
        }
        return out
    }

    // MARK: - Parameters

    private func parameterTable() -> String {
        var out = "| Parameter | Type | Default | Description |\n|---|---|---|---|\n"
        for p in entry.params {
            let type = p.isVariadic ? "\(p.kind.rawValue), any number" : p.kind.rawValue
            out += "| \(Markdown.cell(Markdown.code(p.name))) | \(type) | \(defaultCell(p)) | \(Markdown.cell(p.summary)) |\n"
        }
        return out
    }

    private func defaultCell(_ p: ParameterSpec) -> String {
        if let value = p.defaultValue {
            let json = String(decoding: JSONWriter.compact(value, escapeHTML: false), as: UTF8.self)
            return Markdown.cell(Markdown.code(json))
        }
        return p.canBeOmitted ? "_optional_" : "_required_"
    }

    // MARK: - Examples

    /// The mapping in a code block, followed by each input and its output as comments, the
    /// way Benthos's docs show them.
    private func render(_ example: Example) -> String {
        var out = ""
        let summary = trimmed(example.summary)
        if !summary.isEmpty { out += summary + "\n\n" }
        var body = trimmed(example.mapping)
        for pair in example.pairs {
            body += "\n\n" + commented("In:  ", pair.input) + "\n" + commented("Out: ", pair.output)
        }
        out += Markdown.fence(body, language: "coffee") + "\n"
        if !example.deterministic {
            out += "\nThe output differs from run to run; the one shown is a sample.\n"
        }
        return out
    }

    /// `# In:  value`, with any further lines of the value indented under the first.
    private func commented(_ label: String, _ value: String) -> String {
        let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, !value.isEmpty else { return "# " + label.trimmingTrailingSpaces() }
        let indent = "#" + String(repeating: " ", count: label.count + 1)
        return (["# \(label)\(first)"] + lines.dropFirst().map { indent + $0 }).joined(separator: "\n")
    }

    private func trimmed(_ text: String) -> String {
        var s = Substring(text)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
