import Foundation
import OrgGraph

/// A progress line on standard error for work that takes more than about a second: shown only
/// when standard error is a terminal and `--quiet` was not given, and erased when done.
final class Progress: @unchecked Sendable {
    private let start = Date()
    private let enabled: Bool
    private var shown = false

    init(quiet: Bool) {
        enabled = !quiet && isatty(2) == 1
    }

    func update(_ text: @autoclosure () -> String) {
        guard enabled, Date().timeIntervalSince(start) > 1 else { return }
        try? OutputFile.writeToStandardError("\r\u{1B}[K\(text())")  // a terminal gone: nothing to show
        shown = true
    }

    func finish() {
        guard shown else { return }
        try? OutputFile.writeToStandardError("\r\u{1B}[K")
        shown = false
    }
}
