/// How wide a line of card text is drawn: one measure for sizing cards, wrapping lines and
/// placing text in SVG.
///
/// The widths are the advances of WenQuanYi Zen Hei, the CJK font the set-up installs and the
/// one Graphviz's pango text layout draws PNG and PDF cards with here (the font list's first
/// installed family): Latin letters from the table below, wide (CJK, Hangul, full-width) characters a
/// full em, anything else 0.62 em. Pango's bold is drawn from the same font, as wide.
enum TextMetrics {
    /// Advances in thousandths of an em, U+0020 to U+017F (Basic Latin, Latin-1, Latin Extended-A).
    static let narrow: [UInt16] = [
        300, 300, 461, 599, 600, 699, 680, 301, 300, 300, 600, 600, 300, 300, 300, 520,  // U+0020
        600, 600, 600, 600, 600, 600, 600, 600, 600, 600, 300, 300, 600, 600, 600, 539,  // U+0030
        800, 560, 619, 619, 659, 560, 480, 660, 659, 260, 399, 619, 500, 819, 659, 660,  // U+0040
        559, 659, 619, 619, 501, 640, 560, 819, 539, 559, 539, 299, 520, 300, 600, 500,  // U+0050
        380, 540, 540, 479, 539, 539, 300, 500, 538, 239, 219, 500, 239, 819, 538, 539,  // U+0060
        539, 539, 319, 520, 319, 538, 439, 659, 439, 420, 420, 300, 261, 300, 600, 0,  // U+0070
        365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365,  // U+0080
        365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365,  // U+0090
        365, 300, 600, 600, 599, 600, 261, 599, 399, 760, 359, 399, 599, 392, 760, 459,  // U+00A0
        400, 600, 359, 360, 380, 538, 539, 239, 319, 359, 359, 399, 899, 899, 899, 539,  // U+00B0
        560, 560, 560, 560, 559, 560, 960, 619, 560, 560, 560, 560, 260, 260, 260, 260,  // U+00C0
        660, 659, 660, 660, 660, 660, 660, 600, 660, 640, 640, 640, 640, 559, 559, 579,  // U+00D0
        540, 540, 540, 540, 540, 540, 900, 479, 539, 539, 539, 539, 239, 239, 239, 239,  // U+00E0
        539, 538, 539, 539, 539, 539, 539, 600, 539, 538, 538, 538, 538, 420, 539, 421,  // U+00F0
        365, 540, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365,  // U+0100
        365, 606, 365, 539, 365, 365, 365, 365, 365, 365, 365, 539, 365, 365, 365, 365,  // U+0110
        365, 365, 365, 365, 365, 365, 715, 587, 365, 365, 365, 239, 365, 365, 365, 365,  // U+0120
        365, 250, 729, 500, 365, 365, 365, 365, 521, 365, 365, 365, 365, 365, 365, 811,  // U+0130
        526, 538, 256, 365, 538, 365, 365, 365, 538, 680, 733, 588, 365, 539, 365, 365,  // U+0140
        365, 365, 994, 937, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365, 365,  // U+0150
        365, 365, 365, 365, 365, 365, 603, 326, 365, 365, 365, 538, 365, 365, 365, 365,  // U+0160
        365, 365, 365, 365, 819, 659, 365, 365, 656, 365, 365, 365, 365, 365, 365, 365,  // U+0170
    ]

    /// The advance of one character, in ems.
    @inline(__always)
    static func advance(_ value: UInt32) -> Double {
        if value >= 0x20, value < 0x180 { return Double(narrow[Int(value) - 0x20]) / 1000 }
        return isWide(value) ? 1 : 0.62
    }

    /// Whether a character takes a full em: CJK, Hangul, full-width forms and emoji.
    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
    }

    /// The width of `text` at `size` points.
    static func width(_ text: some StringProtocol, size: Double) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars { ems += advance(scalar.value) }
        return ems * size
    }
}
