/// Managers from places in a tree as SQL Server's `hierarchyid` gives them (AdventureWorks'
/// `OrganizationNode`): a path (`/`, `/1/`, `/1/2/`) or its binary form in hexadecimal (`0x5AC0`,
/// or `5AC0` as the install scripts write it; empty for the top).
///
/// A person's manager is the row whose node is the nearest above theirs: for a path, the path
/// without its last step (or the one without its last two, when no row has that, and so on);
/// for the binary form, the longest node that begins its bits. The binary form needs no decoding
/// for this: each level's bits end with a 1, after which the whole is padded with 0s, and no
/// level's bits begin another's, so the nodes above a node are exactly the nodes whose bits (less
/// their padding) begin its own.
enum HierarchyNodes {
    /// Each row's manager's id ("" at the top), and a warning for each node given twice (the
    /// first row keeps it).
    /// - Parameter place: where row *i*'s node is written, for diagnostics.
    /// - Throws: a located error for a node that is neither a path nor hexadecimal.
    /// - Complexity: O(*n* · *b*) for nodes of *b* bits or steps.
    static func managers(nodes: [String], ids: [String], place: (Int) -> SourceLocation) throws(DiagnosticError) -> (managers: [String], warnings: [Diagnostic]) {
        var keys: [String] = []
        keys.reserveCapacity(nodes.count)
        for (row, node) in nodes.enumerated() {
            guard let key = key(node) else {
                throw DiagnosticError(.error("'\(node)' is not a hierarchyid: write it as a path ('/1/2/') or its bytes in hexadecimal ('0x5AC0')", at: place(row)))
            }
            keys.append(key)
        }
        var rowOf: [String: Int] = [:]
        rowOf.reserveCapacity(nodes.count)
        var warnings: [Diagnostic] = []
        for (row, key) in keys.enumerated() {
            if let first = rowOf[key] {
                warnings.append(.warning("node '\(nodes[row])' is also row \(ids[first])'s; no one is under this row by it", at: place(row)))
            } else {
                rowOf[key] = row
            }
        }
        let managers = keys.enumerated().map { row, key -> String in
            for above in ancestors(key) {
                if let manager = rowOf[above], manager != row { return ids[manager] }
            }
            return ""
        }
        return (managers, warnings)
    }

    /// A node as a key: `p` and its steps joined by `/`, `b` and its bits less their padding, or
    /// "" for the top in either form; nil for text that is neither.
    static func key(_ node: String) -> String? {
        let text = node.trimmingCharacters(in: .whitespaces)
        if text.isEmpty || text == "/" { return "" }
        if text.hasPrefix("/") {
            let steps = text.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            let body = steps.last == "" ? steps.dropLast() : steps[...]
            guard body.allSatisfy({ step in !step.isEmpty && step.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") } }) else { return nil }
            return "p" + body.joined(separator: "/")
        }
        var digits = Substring(text)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        var bits = ""
        for digit in digits {
            guard let value = digit.hexDigitValue else { return nil }
            for shift in stride(from: 3, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1 ? "1" : "0") }
        }
        while bits.hasSuffix("0") { bits.removeLast() }
        return bits.isEmpty ? "" : "b" + bits
    }

    /// The keys of the nodes that could be above a node, nearest first, the top last.
    static func ancestors(_ key: String) -> [String] {
        guard let kind = key.first else { return [] }
        let body = key.dropFirst()
        var result: [String] = []
        if kind == "p" {
            var steps = body.split(separator: "/")
            while !steps.isEmpty {
                steps.removeLast()
                if !steps.isEmpty { result.append("p" + steps.joined(separator: "/")) }
            }
        } else {
            // Each shorter run of bits that ends with a 1 ends a level.
            var index = body.endIndex
            while index > body.startIndex {
                index = body.index(before: index)
                if index > body.startIndex, body[body.index(before: index)] == "1" { result.append("b" + body[..<index]) }
            }
        }
        return result + [""]
    }
}
