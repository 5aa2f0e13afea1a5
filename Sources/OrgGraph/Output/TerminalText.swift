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

    /// Whether `text` may hold a character that ``acts(_:keepingTabs:)``, from its UTF-8 bytes
    /// (a control, or the lead bytes of the others' ranges), without decoding it.
    static func mayAct(_ text: String, keepingTabs: Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for index in bytes.indices {
                let byte = bytes[index]
                if byte >= 0x20 && byte < 0x7F || byte >= 0x80 && byte != 0xC2 && byte != 0xE2 && byte != 0xEF { continue }
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                switch byte {
                case 0x0A: continue
                case 0x09: if keepingTabs { continue }
                case 0xC2: if next >= 0xA0 { continue }  // U+0080...U+009F
                case 0xE2: if next != 0x80 && next != 0x81 { continue }  // U+202A...U+202E, U+2066...U+2069
                case 0xEF: if next != 0xBF { continue }  // U+FFFE, U+FFFF
                default: break
                }
                return true
            }
            return false
        }
    }

    /// `text` with every character that would act on a terminal shown as its code; charts show
    /// text the same way, tabs included (`keepingTabs: false`), since a card has no tab stops.
    /// - Complexity: O(*n*); text without such characters is returned as it is.
    public static func safe(_ text: String, keepingTabs: Bool = true) -> String {
        guard mayAct(text, keepingTabs: keepingTabs), text.unicodeScalars.contains(where: { acts($0, keepingTabs: keepingTabs) }) else { return text }
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
