import ArgumentParser
import Foundation
import OrgGraph

/// Printing to the terminal: results to standard output, diagnostics to standard error.
enum Output {
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        printError(diagnostics.map(\.description).joined(separator: "\n"))
    }
}

/// Writes bytes to a file atomically, or to standard output.
func writeOutput(_ bytes: [UInt8], to output: String?) throws {
    guard let output else {
        FileHandle.standardOutput.write(Data(bytes))
        return
    }
    try reporting { () throws(DiagnosticError) in try AtomicFile.write(Data(bytes), to: output) }
    Output.printError("wrote \(output)")
}
