import ArgumentParser
import Foundation
import OrgGraph

/// Printing to the terminal: results to standard output, diagnostics to standard error. Text
/// for people (``show(_:)``, diagnostics, messages) has its control characters shown as codes,
/// so that a name cannot act on the terminal; data (JSON, YAML, CSV, DOT) is printed as it is.
enum Output {
    /// Data, as it is, written as every output file is (``OutputFile``): a standard output that
    /// cannot take it (a full disk, a closed descriptor) is an error (exit status 1), not a crash.
    static func print(_ text: String) throws(DiagnosticError) {
        try OutputFile.write(text, to: "-")
    }

    /// Text for people, safe for a terminal.
    static func show(_ text: String) throws(DiagnosticError) {
        try print(TerminalText.safe(text))
    }

    /// Text for people, or JSON for scripts, as asked.
    static func show(_ text: String, json: Bool) throws(DiagnosticError) {
        json ? try print(text) : try show(text)
    }

    /// Ends the process, with `status`, once a command has written all it has to say. What the
    /// command still holds then goes back to the system at once, instead of being freed object
    /// by object as `run()` returns: a loaded org of a million people is hundreds of thousands
    /// of arrays, strings and tables, and freeing them took about 0.1 s of `diff` on two such
    /// orgs. Nothing is lost: every print and diagnostic has been written to its file descriptor
    /// (nothing is buffered here), and every output file renamed into place, before it returns.
    static func end(status: Int32 = 0) -> Never {
        exit(status)
    }

    /// A message to standard error. One that cannot be written there is lost: there is nowhere
    /// else to say so, and the command's own exit status stands.
    static func printError(_ text: String) {
        let text = TerminalText.safe(text)
        try? OutputFile.writeToStandardError(text.hasSuffix("\n") ? text : text + "\n")
    }

    static func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        printError(diagnostics.map(\.description).joined(separator: "\n"))
    }

    /// The most warnings of loading an org a command prints before its answer.
    static let loadWarningLimit = 20

    /// The warnings of loading an org for a command: the first ``loadWarningLimit``, then how
    /// many more there are and how to see them all.
    static func reportLoading(_ diagnostics: [Diagnostic], of argument: String) {
        guard diagnostics.count > loadWarningLimit else { return report(diagnostics) }
        report(Array(diagnostics.prefix(loadWarningLimit)))
        printError("note: \(diagnostics.count - loadWarningLimit) more warnings; 'orggraph validate \(argument)' lists them all")
    }
}

/// Writes a result where it was asked for: standard output without `-o` (or with `-o -`), else
/// the file, as ``OutputFile`` writes every output; an output that names an input is refused.
/// - Parameter inputs: the command's org, changeset and CSV arguments (`PATH@DATE` as given).
func writeResult(_ bytes: [UInt8], to output: String?, inputs: [String], announce: Bool = false) throws {
    try writeResult(pieces: [bytes], to: output, inputs: inputs, announce: announce)
}

/// Writes bytes made in pieces, one after another, without joining them first.
func writeResult(pieces: some Sequence<[UInt8]>, to output: String?, inputs: [String], announce: Bool = false) throws {
    let paths = inputs.map { (try? OrgReference(parsing: $0).path) ?? $0 }
    try OutputFile.write(pieces: pieces, to: output ?? "-", inputs: paths)
    if announce, let output, output != "-" { Output.printError("wrote \(output)") }
}

func writeResult(_ text: String, to output: String?, inputs: [String], announce: Bool = false) throws {
    try writeResult(Array(text.utf8), to: output, inputs: inputs, announce: announce)
}
