/// Start dates as HR exports write them, read as days: `YYYY-MM-DD`, with or without a time
/// after it; year first with `/` or `.` or unpadded parts (`2024/1/15`); or `A/B/YYYY` (also
/// with `-` or `.`) where the column settles which of A and B is the day: a first part above
/// 12 makes it day-first, a second part above 12 month-first (A equal to B reads either way).
public enum HRDates {
    /// The last day written `YYYY-MM-DD` in a file's path (`cabinet_office-2011-09-30-senior.csv`,
    /// `2023-05-31/derived_units.csv`): the day an export describes, when nothing else says.
    public static func day(inPath path: String) -> Day? {
        let scalars = Array(path.unicodeScalars)
        guard scalars.count >= 10 else { return nil }
        for start in stride(from: scalars.count - 10, through: 0, by: -1) {
            let piece = scalars[start..<(start + 10)]
            let shape = piece.enumerated().allSatisfy { offset, scalar in
                offset == 4 || offset == 7 ? scalar == "-" : ("0"..."9").contains(scalar)
            }
            // Not part of a longer run of digits.
            let before = start > 0 ? scalars[start - 1] : " ", after = start + 10 < scalars.count ? scalars[start + 10] : " "
            if shape, !("0"..."9").contains(before), !("0"..."9").contains(after), let day = Day(String(String.UnicodeScalarView(piece))) { return day }
        }
        return nil
    }

    /// The days of `values` as `YYYY-MM-DD` (empty stays empty), or the first problem with its
    /// index in `values`.
    /// - Complexity: O(*n*).
    static func read(_ values: [String]) -> Result<[String], Problem> {
        var days = [String](repeating: "", count: values.count)
        // Values written A/B/YYYY, kept until the column says which part is the day.
        var numeric: [(index: Int, a: Int, b: Int, year: Int)] = []
        var dayFirstAt: Int?
        var monthFirstAt: Int?
        for (index, value) in values.enumerated() where !value.isEmpty {
            if let day = isoDay(value) ?? yearFirstDay(value) {
                guard let day else { return .failure(Problem(index: index, message: "start date '\(value)' is not a real day")) }
                days[index] = day.description
            } else if let (a, b, year) = parts(value) {
                if a == b {
                    // Day and month are the same number: either order reads it alike.
                    guard let day = Day(year: year, month: a, day: b) else { return .failure(Problem(index: index, message: "start date '\(value)' is not a real day")) }
                    days[index] = day.description
                    continue
                }
                numeric.append((index, a, b, year))
                if a > 12, dayFirstAt == nil { dayFirstAt = index }
                if b > 12, monthFirstAt == nil { monthFirstAt = index }
            } else {
                return .failure(Problem(index: index, message: "start date '\(value)' is not a date written YYYY-MM-DD, YYYY/MM/DD or DD/MM/YYYY"))
            }
        }
        guard let first = numeric.first else { return .success(days) }
        if let dayFirstAt, let monthFirstAt {
            return .failure(Problem(index: max(dayFirstAt, monthFirstAt), message:
                "start date '\(values[max(dayFirstAt, monthFirstAt)])' and '\(values[min(dayFirstAt, monthFirstAt)])' put the day and the month in different orders"))
        }
        guard dayFirstAt != nil || monthFirstAt != nil else {
            return .failure(Problem(index: first.index, message:
                "start date '\(values[first.index])' could be \(first.a)/\(first.b) or \(first.b)/\(first.a) as day/month, and no date in the column tells which"))
        }
        for date in numeric {
            let (day, month) = dayFirstAt != nil ? (date.a, date.b) : (date.b, date.a)
            guard let real = Day(year: date.year, month: month, day: day) else {
                return .failure(Problem(index: date.index, message: "start date '\(values[date.index])' is not a real day"))
            }
            days[date.index] = real.description
        }
        return .success(days)
    }

    struct Problem: Error {
        var index: Int
        var message: String
    }

    /// The day of text starting `YYYY-MM-DD` (alone, or before `T` or a space and a time):
    /// nil when it does not start so, `.some(nil)` when the calendar lacks that day.
    static func isoDay(_ text: String) -> Day?? {
        let utf8 = text.utf8
        let head = Array(utf8.prefix(10))
        guard Day.isShapedLikeDay(head) else { return nil }
        if utf8.count > 10, let next = utf8.dropFirst(10).first, next != UInt8(ascii: "T"), next != UInt8(ascii: " ") { return nil }
        return .some(Day(String(decoding: head, as: UTF8.self)))
    }

    /// The day of text written year first with one- or two-digit parts, `YYYY/M/D`, `YYYY.M.D`
    /// or `YYYY-M-D` (with or without a time after a space): nil when it is not so written,
    /// `.some(nil)` when the calendar lacks that day.
    static func yearFirstDay(_ text: String) -> Day?? {
        let date = text.split(separator: " ", maxSplits: 1).first ?? ""
        guard let separator = date.first(where: { $0 == "/" || $0 == "-" || $0 == "." }) else { return nil }
        let pieces = date.split(separator: separator, omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].count == 4, (1...2).contains(pieces[1].count), (1...2).contains(pieces[2].count),
            pieces.allSatisfy({ $0.allSatisfy(\.isASCII) }),
            let year = Int(pieces[0]), let month = Int(pieces[1]), let day = Int(pieces[2])
        else { return nil }
        return .some(Day(year: year, month: month, day: day))
    }

    /// A, B and the year of text written `A/B/YYYY`, `A-B-YYYY` or `A.B.YYYY` (A and B one or
    /// two digits), with or without a time after a space.
    static func parts(_ text: String) -> (Int, Int, Int)? {
        let date = text.split(separator: " ", maxSplits: 1).first ?? ""
        guard let separator = date.first(where: { $0 == "/" || $0 == "-" || $0 == "." }) else { return nil }
        let pieces = date.split(separator: separator, omittingEmptySubsequences: false)
        guard pieces.count == 3, (1...2).contains(pieces[0].count), (1...2).contains(pieces[1].count), pieces[2].count == 4,
            pieces.allSatisfy({ $0.allSatisfy(\.isASCII) }),
            let a = Int(pieces[0]), let b = Int(pieces[1]), let year = Int(pieces[2])
        else { return nil }
        return (a, b, year)
    }
}
