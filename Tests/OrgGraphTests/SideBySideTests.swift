import Dispatch
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

    /// A stream hands its items over in order, made in the background or at once.
    @Test(arguments: [(count: 0, inline: false), (count: 0, inline: true), (count: 1, inline: false), (count: 300, inline: false), (count: 300, inline: true)])
    func aStreamGivesEachItemInOrder(count: Int, inline: Bool) {
        let stream = SideBySide.stream(count, inline: inline) { $0 * 3 }
        #expect(Array(stream) == (0..<count).map { $0 * 3 })
        #expect(stream.next() == nil)
    }

    /// A stream left before its end lets its work finish, and many at once, each waited on by
    /// a thread of the shared pool, all end: the work of each runs on a thread of its own. (When
    /// the work ran on the pool, the pool grew by about a thread a second to start it: 64 such
    /// callers took over a minute. The wait below is a bound on a hang, thirty times what the
    /// work needs, not a measure of speed.)
    @Test func streamsWaitedOnFromEveryPoolThreadAllEnd() throws {
        let group = DispatchGroup()
        let ends = Slots<Int>(count: 64)
        for caller in 0..<64 {
            DispatchQueue.global().async(group: group) {
                let stream = SideBySide.stream(8) { index in index + caller }
                let first = stream.next()
                ends.set(caller, .success(caller % 2 == 0 ? Array(stream).reduce(first ?? 0, +) : first ?? -1))
            }
        }
        guard group.wait(timeout: .now() + 30) == .success else {
            Issue.record("streams waited on from the pool did not end")
            return
        }
        for caller in 0..<64 {
            #expect(try ends.get(caller) == (caller % 2 == 0 ? (0..<8).reduce(0) { $0 + $1 + caller } : caller))
        }
    }
}
