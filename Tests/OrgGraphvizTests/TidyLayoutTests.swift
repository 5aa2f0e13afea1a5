import Testing

@testable import OrgGraphviz

/// The tidy layout never overlaps boxes, whatever the tree's shape.
@Suite struct TidyLayoutTests {
    static func layout(parents: [Int?], widths: (Int) -> Double = { 60 + Double($0 % 7) * 15 }) -> [TidyLayout.Box] {
        var children = [[Int]](repeating: [], count: parents.count)
        for (node, parent) in parents.enumerated() { if let parent { children[parent].append(node) } }
        return TidyLayout(children: children, widths: (0..<parents.count).map(widths),
                          heights: (0..<parents.count).map { 30 + Double($0 % 3) * 10 }).layout()
    }

    @Test func aDeepChainStacksStraightDown() {
        let boxes = Self.layout(parents: (0..<5_000).map { $0 == 0 ? nil : $0 - 1 })
        #expect(TidyLayout.firstOverlap(boxes) == nil)
        #expect(Set(boxes.map(\.x)).count == 1)
        #expect(zip(boxes, boxes.dropFirst()).allSatisfy { $0.y < $1.y })
    }

    @Test func aMillionLongChainDoesNotOverflowTheStack() {
        let boxes = Self.layout(parents: (0..<1_000_000).map { $0 == 0 ? nil : $0 - 1 }, widths: { _ in 50 })
        #expect(boxes.count == 1_000_000)
        #expect(boxes.last!.y > boxes.first!.y)
    }

    @Test func oneHeadWithFiveThousandReports() {
        let boxes = Self.layout(parents: (0...5_000).map { $0 == 0 ? nil : 0 })
        #expect(TidyLayout.firstOverlap(boxes) == nil)
        // The head is centred over its reports.
        let reports = boxes.dropFirst()
        #expect(abs(boxes[0].x - (reports.first!.x + reports.last!.x) / 2) < 0.001)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func randomTreesNeverOverlap(_ seed: UInt64) {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let count = 200 + next(3000)
        // Several roots, bushy and stringy parts.
        let parents: [Int?] = (0..<count).map { $0 == 0 || next(50) == 0 ? nil : max(0, $0 - 1 - next(min($0, next(2) == 0 ? 3 : 400))) }
        let boxes = Self.layout(parents: parents)
        #expect(TidyLayout.firstOverlap(boxes) == nil, "seed \(seed)")
        // Parents sit above their children.
        for (node, parent) in parents.enumerated() { if let parent { #expect(boxes[parent].y < boxes[node].y) } }
    }

    @Test func identicalSubtreesAreDrawnAlike() {
        // Two children, each with three leaves.
        let boxes = Self.layout(parents: [nil, 0, 0, 1, 1, 1, 2, 2, 2], widths: { _ in 50 })
        let left = [3, 4, 5].map { boxes[$0].x - boxes[1].x }
        let right = [6, 7, 8].map { boxes[$0].x - boxes[2].x }
        #expect(left == right)
        #expect(TidyLayout.firstOverlap(boxes) == nil)
    }
}
