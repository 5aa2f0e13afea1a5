import Foundation

extension Diagnostic {
    /// The kind of problem, as an id for tools that group results by rule: the message's own
    /// words before its first `;` or `:`, less what it quotes and its numbers
    /// (`unknown key 'parnet' in a unit; did you mean 'parent'?` is `unknown-key-in-a-unit`).
    /// Every message of one kind shares it, since only the quoted names and numbers vary.
    public var rule: String {
        var words: [String] = []
        var word = ""
        var quoted = false
        func endWord() {
            if !word.isEmpty { words.append(word) }
            word = ""
        }
        for scalar in message.unicodeScalars {
            if scalar == "'" {
                quoted.toggle()
                endWord()
                continue
            }
            if quoted { continue }
            if scalar == ";" || scalar == ":" { break }
            if scalar.isASCII, scalar.properties.isAlphabetic {
                word += String(scalar).lowercased()
            } else {
                endWord()
            }
        }
        endWord()
        return words.isEmpty ? "problem" : words.joined(separator: "-")
    }
}

/// Diagnostics in the forms CI systems annotate code with.
public enum DiagnosticReport {
    /// A SARIF 2.1.0 log of one run: a result per diagnostic (its rule, level, message, file,
    /// line and column, its notes as related locations), and the rules met, each described by its
    /// words. Columns count Unicode scalars, as ``SourceLocation`` does.
    public static func sarif(_ diagnostics: [Diagnostic], toolVersion: String) -> JSONValue {
        var rules: [String] = []
        var ruleIndex: [String: Int] = [:]
        for diagnostic in diagnostics where ruleIndex[diagnostic.rule] == nil {
            ruleIndex[diagnostic.rule] = rules.count
            rules.append(diagnostic.rule)
        }
        func physical(_ location: SourceLocation) -> JSONValue {
            .object([
                ("artifactLocation", .object([("uri", .string(uri(location.file)))])),
                ("region", .object([("startLine", .int(location.line)), ("startColumn", .int(location.column))])),
            ])
        }
        let results: [JSONValue] = diagnostics.map { diagnostic in
            var pairs: [(String, JSONValue)] = [
                ("ruleId", .string(diagnostic.rule)), ("ruleIndex", .int(ruleIndex[diagnostic.rule]!)),
                ("level", .string(diagnostic.severity == .error ? "error" : "warning")),
                ("message", .object([("text", .string(diagnostic.message))])),
            ]
            if let location = diagnostic.location {
                pairs.append(("locations", .array([.object([("physicalLocation", physical(location))])])))
            }
            let related: [JSONValue] = diagnostic.notes.enumerated().map { index, note in
                .object([("id", .int(index))] + (note.location.map { [("physicalLocation", physical($0))] } ?? [])
                    + [("message", .object([("text", .string(note.message))]))])
            }
            if !related.isEmpty { pairs.append(("relatedLocations", .array(related))) }
            return .object(pairs)
        }
        return .object([
            ("$schema", "https://json.schemastore.org/sarif-2.1.0.json"),
            ("version", "2.1.0"),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", "orggraph"), ("version", .string(toolVersion)),
                    ("rules", .array(rules.map { rule in
                        .object([("id", .string(rule)), ("shortDescription", .object([("text", .string(rule.replacingOccurrences(of: "-", with: " ")))]))])
                    })),
                ]))])),
                ("columnKind", "unicodeCodePoints"),
                ("results", .array(results)),
            ])])),
        ])
    }

    /// GitHub Actions workflow commands, one line a diagnostic:
    /// `::error file=F,line=L,col=C,title=RULE::message`, its notes on lines of their own.
    public static func github(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { diagnostic in
            var properties: [String] = []
            if let location = diagnostic.location {
                properties += ["file=\(escape(location.file, property: true))", "line=\(location.line)", "col=\(location.column)"]
            }
            properties.append("title=\(escape(diagnostic.rule, property: true))")
            let text = ([diagnostic.message] + diagnostic.notes.map(\.description)).joined(separator: "\n")
            return "::\(diagnostic.severity.rawValue) \(properties.joined(separator: ","))::\(escape(text, property: false))\n"
        }.joined()
    }

    /// A workflow command's data (`%`, CR and LF escaped) or property value (`:` and `,` too).
    private static func escape(_ text: String, property: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            case ":" where property: out += "%3A"
            case "," where property: out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A file path as a SARIF artifact URI: relative paths stay relative, characters a URI
    /// cannot hold are percent-encoded.
    private static func uri(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }
}
