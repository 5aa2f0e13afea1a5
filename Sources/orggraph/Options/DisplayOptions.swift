import ArgumentParser
import Foundation
import OrgGraph
import OrgGraphviz

extension LanguagePreference: ExpressibleByArgument {}

/// What an ORG argument can be, said the same way by every command.
let orgArgumentHelp = "The org: a file (YAML, JSON, CSV, or an index file that 'orggraph index' made), a timeline folder, '-' for standard input; PATH@YYYY-MM-DD for a day (@YYYY-MM or @YYYY: its first day)."

/// `--quiet`, for every command that can take more than a second.
struct QuietOption: ParsableArguments {
    @Flag(name: .long, help: "No progress line, even on a terminal.")
    var quiet = false
}

/// Options of every command that reads one org: the day, and `--quiet`.
struct OrgOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: "The state on this day (YYYY-MM-DD; YYYY-MM or YYYY for its first day); the same as ORG@DATE.")
    var asOf: String?

    @OptionGroup var progress: QuietOption

    var quiet: Bool { progress.quiet }
}

/// Options shared by every query.
struct QueryOptions: ParsableArguments {
    @Option(name: .long, help: "Languages for names: zh, en or both.")
    var lang: LanguagePreference = .both

    @Flag(name: .long, help: "Print JSON for scripts instead of text.")
    var json = false

    @OptionGroup var input: OrgOptions

    var asOf: String? { input.asOf }
    var quiet: Bool { input.quiet }
}

/// Where a chart goes and as what: `-o FILE` and `--format`, the format following the file's
/// extension unless given; SVG on standard output without either.
struct ChartOutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The file to write.")
    var output: String?

    @Option(name: .long, help: "svg, png, pdf, dot or html (an interactive page).")
    var format: ChartFormat?

    func validate() throws {
        if format == nil, let output, ChartFormat(fileName: output) == nil {
            throw ValidationError("cannot tell the format from '\(output)'; name it .svg, .png, .pdf, .dot or .html, or give --format")
        }
        if output == nil, let format = requested, format == .png || format == .pdf {
            throw ValidationError("\(format.rawValue) is binary; write it to a file with -o")
        }
    }

    /// The format given, or the one the file's name says.
    var requested: ChartFormat? { format ?? output.flatMap(ChartFormat.init(fileName:)) }

    /// The format to draw; an error for a file whose name says another format than `--format`.
    func chosen() throws(DiagnosticError) -> ChartFormat {
        if let output, let format { try FileKind(rawValue: format.rawValue)!.check(output: output, chosenBy: "--format \(format.rawValue)") }
        return requested ?? .svg
    }
}

/// Several people to ask about: the arguments, or the lines of --input (one a line, '-' for
/// standard input).
struct BatchOptions: ParsableArguments {
    @Option(name: .long, help: "A file of people to ask about, one a line (two a line for 'common'); a line that starts with # is a comment.")
    var input: String?

    /// The people named as arguments, then those of --input; a usage error when there are none.
    func people(_ who: [String]) throws -> [String] {
        let people = who + (try lines())
        guard !people.isEmpty else { throw ValidationError("name at least one person, or give --input") }
        return people
    }

    func lines() throws -> [String] {
        try numberedLines().map(\.text)
    }

    /// What diagnostics call the --input file: `<stdin>` for standard input, as for an org.
    var inputName: String { input == "-" ? "<stdin>" : input ?? "" }

    /// The lines that are not blank and not comments (starting with #), each with its number in
    /// the input.
    func numberedLines() throws -> [(number: Int, text: String)] {
        guard let input else { return [] }
        let text: String
        if input == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            guard let data = FileManager.default.contents(atPath: input) else {
                throw DiagnosticError(.error("cannot read '\(input)'", at: nil))
            }
            text = String(decoding: data, as: UTF8.self)
        }
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .map { ($0.offset + 1, $0.element.trimmingCharacters(in: .whitespaces)) }.filter { !$0.text.isEmpty && !$0.text.hasPrefix("#") }
    }
}
