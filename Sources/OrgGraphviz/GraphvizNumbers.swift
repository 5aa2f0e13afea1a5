import CGraphviz
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the numbers of Graphviz's SVG as Graphviz writes them, without `snprintf`.
///
/// Graphviz's SVG writer prints every coordinate through one call of its output layer,
/// `gvprintdouble`, which formats with `snprintf("%.02f")` and then drops trailing zeros. A
/// 20,000-card chart has about 2.4 million such numbers, and that formatting (glibc's exact
/// decimal conversion, with multi-word arithmetic for each) was a sixth of the chart's time.
///
/// This module defines a function of that name. Because libgvc, which a program linking this
/// module links too, defines it as well, the linker exports the program's definition, and on
/// Linux the dynamic linker binds Graphviz's plugins to it ahead of libgvc's own. It writes the
/// same bytes as the `gvprintdouble` of the Graphviz it was checked against (Debian 12's): `0`
/// for anything strictly between -1e-8 and 1e-8; otherwise the number rounded to hundredths as
/// `printf` rounds it (the binary value, ties to even), trailing zeros and a bare point dropped,
/// so that -0.003 is `-0`. With any other Graphviz, for numbers of 2^50 and more and for ones
/// that are not finite, it hands the call to Graphviz's own function.
enum GraphvizNumbers {
    /// The longest text ``format(_:into:)`` writes: a sign, 16 digits, a point and two decimals.
    static let capacity = 24

    /// Writes `value` as Graphviz's `gvprintdouble` does (see above) into `buffer` (at least
    /// ``capacity`` bytes), and returns the length; `nil` when the value is out of this writer's
    /// range (not finite, or 2^50 or more in magnitude) and Graphviz's own formatting is needed.
    static func format(_ value: Double, into buffer: UnsafeMutablePointer<UInt8>) -> Int? {
        if value > -1e-8 && value < 1e-8 {
            buffer[0] = UInt8(ascii: "0")
            return 1
        }
        let magnitude = value.magnitude
        guard magnitude.isFinite, magnitude < 0x1p50 else { return nil }
        var hundredths: UInt64 = 0
        // Below 2^-8 (0.0039) a number rounds to 0 hundredths, written `0` or `-0`. From there,
        // magnitude = significand × 2^-shift exactly, with 3 ≤ shift ≤ 60 (below 2^50), and
        // significand × 100 < 2^60 fits in 64 bits.
        if magnitude >= 0x1p-8 {
            let significand = magnitude.significandBitPattern | (1 << 52)
            let shift = 52 - Int(magnitude.exponent)
            let scaled = significand * 100
            hundredths = scaled >> UInt64(shift)
            let rest = scaled & ((1 << UInt64(shift)) - 1)
            let half: UInt64 = 1 << UInt64(shift - 1)
            if rest > half || (rest == half && hundredths & 1 == 1) { hundredths += 1 }
        }

        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &digits) { reversed in
            var count = 0
            let fraction = hundredths % 100
            if fraction != 0 {
                let tenths = fraction / 10, last = fraction % 10
                if last != 0 {
                    reversed[count] = UInt8(ascii: "0") + UInt8(last)
                    count += 1
                }
                reversed[count] = UInt8(ascii: "0") + UInt8(tenths)
                reversed[count + 1] = UInt8(ascii: ".")
                count += 2
            }
            var whole = hundredths / 100
            repeat {
                reversed[count] = UInt8(ascii: "0") + UInt8(whole % 10)
                count += 1
                whole /= 10
            } while whole != 0
            var length = 0
            if value < 0 {
                buffer[0] = UInt8(ascii: "-")
                length = 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) {
                buffer[length] = reversed[index]
                length += 1
            }
            return length
        }
    }

    /// The Graphviz whose `gvprintdouble` this writer was checked against, byte for byte, as
    /// `gvcVersion` names it (Debian 12's package of Graphviz 2.42.2 calls itself 2.43.0).
    static let checkedVersion = "2.43.0"

    /// Whether this writer stands in for Graphviz's: set by the renderer, under its lock, before
    /// each drawing (from the version of the Graphviz it runs with); read only while it draws.
    nonisolated(unsafe) static var inUse = false

    /// Graphviz's own `gvprintdouble`, the next definition after this program's.
    static let graphvizOwn: (@convention(c) (UnsafeMutablePointer<GVJ_t>?, Double) -> Void)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: -1), "gvprintdouble") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<GVJ_t>?, Double) -> Void).self)
    }()
}

/// Graphviz's `gvprintdouble`, as the executable exports it (see ``GraphvizNumbers``).
@_cdecl("gvprintdouble")
package func graphvizPrintDouble(_ job: UnsafeMutablePointer<GVJ_t>?, _ value: Double) {
    if GraphvizNumbers.inUse {
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let written = withUnsafeMutableBytes(of: &buffer) { bytes -> Bool in
            let text = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
            guard let length = GraphvizNumbers.format(value, into: text) else { return false }
            _ = gvwrite(job, UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self), length)
            return true
        }
        if written { return }
    }
    GraphvizNumbers.graphvizOwn?(job, value)
}
