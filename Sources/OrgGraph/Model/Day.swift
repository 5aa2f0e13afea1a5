/// A calendar date without a time of day: a day, `YYYY-MM-DD`, or, when only that much is
/// known, a month, `YYYY-MM`, or a year, `YYYY` (ISO 8601-2's reduced precision, EDTF level 0).
/// A date is kept and printed as written. Where a day is needed (which snapshot is in force on
/// a day, what came first) a month or year stands for its first day: `2022-11` sorts with
/// 2022-11-01, just before it.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// How much of the date is known.
    public enum Precision: Int, Hashable, Comparable, Sendable {
        /// Only the year is known, the year and month, or the whole day.
        case year, month, day

        /// `year`, `month` or `day`, as JSON output names it.
        public var name: String {
            switch self {
            case .year: "year"
            case .month: "month"
            case .day: "day"
            }
        }

        public static func < (lhs: Precision, rhs: Precision) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The year, 1 to 9999.
    public var year: Int
    /// The month; 1 for a year.
    public var month: Int
    /// The day of the month; 1 for a month or a year.
    public var day: Int
    /// How much of the date is known.
    public var precision: Precision

    /// Creates a date if the year, month and day name a real day of the Gregorian calendar.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Day.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
        precision = .day
    }

    /// A month of a year, `YYYY-MM`.
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
        day = 1
        precision = .month
    }

    /// A year, `YYYY`.
    public init?(year: Int) {
        guard (1...9999).contains(year) else { return nil }
        self.year = year
        month = 1
        day = 1
        precision = .year
    }

    /// Parses exactly `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; anything else, or a day or month the
    /// calendar lacks, gives nil.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 4 || (bytes.count == 7 && bytes[4] == UInt8(ascii: "-"))
            || (bytes.count == 10 && bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-"))
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let b = bytes[index]
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard let y = number(0..<4) else { return nil }
        if bytes.count == 4 {
            self.init(year: y)
            return
        }
        guard let m = number(5..<7) else { return nil }
        if bytes.count == 7 {
            self.init(year: y, month: m)
            return
        }
        guard let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The first day the date can mean: itself for a day, the 1st for a month, 1 January for a year.
    public var first: Day {
        var first = self
        first.precision = .day
        return first
    }

    /// Whether what is dated `self` is in force on `day`: the rule for a month or year, which
    /// counts from its first day, in the date asked for as in this one.
    public func startsOnOrBefore(_ day: Day) -> Bool {
        first <= day.first
    }

    /// The last day the date can mean.
    public var last: Day {
        switch precision {
        case .day: return self
        case .month: return Day(year: year, month: month, day: Day.daysIn(month: month, year: year))!
        case .year: return Day(year: year, month: 12, day: 31)!
        }
    }

    /// Whether bytes are written as a day is, `NNNN-NN-NN`, whatever the digits (so that
    /// `2025-02-30` is shaped like a day though it is none).
    static func isShapedLikeDay(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.count == 10 && bytes.enumerated().allSatisfy { offset, byte in
            offset == 4 || offset == 7 ? byte == UInt8(ascii: "-") : (48...57).contains(byte)
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        switch precision {
        case .year: return pad(year, 4)
        case .month: return "\(pad(year, 4))-\(pad(month, 2))"
        case .day: return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        }
    }

    /// By first day, a month or year just before the day it starts on.
    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.precision.rawValue) < (rhs.year, rhs.month, rhs.day, rhs.precision.rawValue)
    }

    /// The message for text that is not a day (`what` names it, as in `'asOf'`), which every
    /// reader of days gives.
    public static func notADay(_ text: String, _ what: String) -> String {
        "invalid date '\(text)' for \(what); expected a real day written YYYY-MM-DD (or YYYY-MM, or YYYY, when only the month or the year is known)"
    }
}
