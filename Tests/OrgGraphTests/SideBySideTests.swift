import Testing

@testable import OrgGraph

@Suite struct SideBySideTests {
    /// Work shared by the processors comes back whole and in order, whatever the pieces.
    @Test(arguments: [(count: 0, size: 7), (count: 1, size: 7), (count: 10_001, size: 7), (count: 64, size: 64)])
    func piecesComeBackInOrder(count: Int, size: Int) {
        let pieces = SideBySide.pieces(count, size: size) { Array($0) }
        #expect(pieces.count == (count + size - 1) / size)
        #expect(pieces.allSatisfy { $0.count <= size })
        #expect(Array(pieces.joined()) == Array(0..<count))
    }
}
