/// Text for a terminal, made safe to show: user text (names, ids, titles) may hold control
/// characters that would move the cursor, rewrite a line (a carriage return), set the window's
/// title (`ESC ] 0 ; … BEL`) or reverse what follows (bidirectional overrides). Each such
/// character is shown as its code, `\u{1B}`, and everything else is kept; line feeds and tabs,
/// which lay the text out, stay as they are.
public enum TerminalText {
    /// Whether a character would act on the terminal rather than be shown.
    static func acts(_ scalar: Unicode.Scalar, keepingTabs: Bool = true) -> Bool {
        switch scalar.value {
        case 0x0A: false
        case 0x09: !keepingTabs
        case 0x00...0x1F, 0x7F...0x9F: true
        // Bidirectional embeddings, overrides and isolates; noncharacters at the end of a plane.
        case 0x202A...0x202E, 0x2066...0x2069, 0xFFFE, 0xFFFF: true
        default: false
        }
    }

    /// `text` with every character that would act on a terminal shown as its code; charts show
    /// text the same way, tabs included (`keepingTabs: false`), since a card has no tab stops.
    /// - Complexity: O(*n*); text without such characters is returned as it is.
    public static func safe(_ text: String, keepingTabs: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: { acts($0, keepingTabs: keepingTabs) }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if acts(scalar, keepingTabs: keepingTabs) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
