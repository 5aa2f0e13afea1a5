import Dispatch
import Foundation

/// Work shared by the processors: a list of items cut into pieces, each piece worked out on
/// whichever processor is free, the results put back in order, so that the outcome is that of
/// working through the list in turn.
enum SideBySide {
    /// `body` of each piece of `0..<count`, pieces of `size` (the last one shorter), in order.
    static func pieces<T>(_ count: Int, size: Int, _ body: @Sendable (Range<Int>) -> T) -> [T] {
        let pieces = (count + size - 1) / size
        let results = Slots<T>(count: pieces)
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            results.set(piece, .success(body(piece * size..<min(count, (piece + 1) * size))))
        }
        return (0..<pieces).map { results.take($0) }
    }
}

extension SideBySide {
    /// `first` and `second` at the same time, on two processors (either may run on a thread of
    /// the pool while the caller waits); both results.
    static func both<A, B>(_ first: () -> A, _ second: @Sendable () -> B) -> (A, B) {
        let (mine, other) = (Slots<A>(count: 1), Slots<B>(count: 1))
        withoutActuallyEscaping(first) { first in
            let first = ReadOnly(first)
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                if index == 0 { mine.set(0, .success(first.value())) } else { other.set(0, .success(second())) }
            }
        }
        return (mine.take(0), other.take(0))
    }
}

/// A value that work done side by side reads and none of it changes.
struct ReadOnly<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Results of work done side by side, one slot each.
public final class Slots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Result<Value, DiagnosticError>?]

    /// Makes `count` empty slots.
    public init(count: Int) { values = Array(repeating: nil, count: count) }

    /// Puts a result in the slot at `index`, replacing any there.
    public func set(_ index: Int, _ value: Result<Value, DiagnosticError>) {
        lock.withLock { values[index] = value }
    }

    /// The value in the slot at `index`, or the error set there thrown; the slot must have been set.
    public func get(_ index: Int) throws(DiagnosticError) -> Value {
        try lock.withLock { values[index] }!.get()
    }

    /// The value set at `index`, which no longer holds it; for values that cannot fail.
    func take(_ index: Int) -> Value {
        lock.withLock {
            defer { values[index] = nil }
            return try! values[index]!.get()
        }
    }
}

extension SideBySide {
    /// `body` of each of `count` items, worked out side by side in the background and handed
    /// over in order, each as soon as it and those before it are done: the first can be used
    /// (written to a file) while later ones are still being made. With `inline`, for work too
    /// small to share, the items are all made at once by the caller.
    static func stream<T>(_ count: Int, inline: Bool = false, _ body: @escaping @Sendable (Int) -> T) -> Stream<T> {
        Stream(count: count, inline: inline, body)
    }

    /// Results of ``stream(_:inline:_:)``, in order; iterated once.
    ///
    /// The work is started by a thread of its own, which takes part in it: the caller waits
    /// only for work that is running, even when every thread of the shared pool is busy (with
    /// other callers waiting on streams of their own, say). A stream dropped before its end
    /// lets the work finish and frees what it made.
    final class Stream<T>: Sequence, IteratorProtocol, @unchecked Sendable {
        private let condition = NSCondition()
        // Guarded by `condition`.
        private var values: [T?]
        private var done: [Bool]
        private var following = 0

        fileprivate init(count: Int, inline: Bool, _ body: @escaping @Sendable (Int) -> T) {
            values = Array(repeating: nil, count: count)
            done = Array(repeating: inline, count: count)
            if inline {
                for index in 0..<count { values[index] = body(index) }
                return
            }
            guard count > 0 else { return }
            Thread.detachNewThread {
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    let value = body(index)
                    self.condition.withLock {
                        self.values[index] = value
                        self.done[index] = true
                        self.condition.broadcast()
                    }
                }
            }
        }

        /// The next result, waiting for it to be done; nil after the last.
        func next() -> T? {
            condition.withLock {
                guard following < values.count else { return nil }
                while !done[following] { condition.wait() }
                defer {
                    values[following] = nil
                    following += 1
                }
                return values[following]
            }
        }
    }
}
