import Foundation

/// The second half of a big list of units, posts or people, read on a second thread while the
/// reader reads the first: the JSON reader's one way to use both cores.
///
/// The reader guesses where an element starts (a `{` whose first key is `"id"`, after a `},`)
/// and which list it is in, and starts a ``ReadAhead`` there with the same code it reads with.
/// It takes what was read ahead only when it arrives at that very byte as an element of that
/// very list, in the same language; from there on the elements read ahead are given to the
/// builder in their order, exactly as the reader would have given them. A wrong guess costs
/// time, never a different org. The read ahead stops before the first element that raises a
/// problem (or is not JSON), so every diagnostic is raised by the reader itself, in its order.
final class ReadAhead: @unchecked Sendable {
    enum Kind: Sendable { case unit, post, person }

    enum Element {
        case unit(OrgJSONReader.UnitInput)
        case post(OrgJSONReader.PostInput)
        case person(OrgJSONReader.PersonInput)
        /// What is left in a batch where the reader moved an element out.
        case taken
    }

    /// Elements read ahead, with the hash of each post's or person's id (worked out as it was
    /// read), for the reader to ask for the id table's slots a few elements before it adds them.
    struct Batch {
        var elements: [Element] = []
        var idHashes: [UInt64?] = []

        init() {}

        /// An empty batch with room for `capacity` elements, made at once rather than grown
        /// (growing the batches of a million-person file was a tenth of its load).
        init(capacity: Int) {
            elements.reserveCapacity(capacity)
            idHashes.reserveCapacity(capacity)
        }

        /// The element at `index`, moved out (its place left `.taken`): neither copied nor
        /// released twice.
        mutating func take(_ index: Int) -> Element {
            var element = Element.taken
            swap(&element, &elements[index])
            return element
        }

        mutating func append(_ element: Element, idHash: UInt64?) {
            elements.append(element)
            idHashes.append(idHash)
        }

        mutating func removeLast() {
            elements.removeLast()
            idHashes.removeLast()
        }
    }

    let kind: Kind
    /// The offset of the first element read ahead.
    let start: Int
    let language: String
    private let bytes: UnsafeBufferPointer<UInt8>
    private let file: String
    private let pages: MappedFile?
    /// Whether the thread runs on a processor taken from ``SpareProcessors``, given back at its end.
    private let borrowed: Bool

    // Handed over under `condition`, a batch at a time, so that the reader can take the first
    // batches while the rest are read.
    private let condition = NSCondition()
    private var batches: [Batch] = []
    private var newTexts: [LocalizedText] = []
    private var finished = false
    private var stopped = false
    /// Just after the last element read ahead, with lines counted from `start` (on line 0).
    private var end: JSONScanner.Mark
    private var usedDefaultLanguage = false

    /// Files with less than this left when a list starts are read by one thread: a thread
    /// costs more than it saves. (What is left of the list itself is unknown until its end; a
    /// short list's guess lands in a later list, and is dropped when that list starts.)
    static let minimumBytes = 8 << 20
    private static let batchSize = 4096

    private init(kind: Kind, start: Int, language: String, bytes: UnsafeBufferPointer<UInt8>, file: String, pages: MappedFile?,
                 borrowed: Bool) {
        self.kind = kind
        self.start = start
        self.language = language
        self.bytes = bytes
        self.file = file
        self.pages = pages
        self.borrowed = borrowed
        end = JSONScanner.Mark(offset: start, line: 0, lineStart: start)
    }

    /// Starts reading ahead from the first element found at or after `offset`; nil when none
    /// is found within a megabyte. The bytes must outlive the read ahead: take all of it, or
    /// ``cancel()`` it, before they go.
    static func start(_ kind: Kind, in bytes: UnsafeBufferPointer<UInt8>, file: String, pages: MappedFile?, borrowed: Bool,
                      from offset: Int, language: String) -> ReadAhead? {
        guard let start = elementStart(in: bytes, from: offset) else { return nil }
        let ahead = ReadAhead(kind: kind, start: start, language: language, bytes: bytes, file: file, pages: pages, borrowed: borrowed)
        let thread = Thread { ahead.run() }
        thread.stackSize = 8 << 20
        thread.start()
        return ahead
    }

    /// Stops the read ahead at its next element, and waits for it to stop.
    func cancel() {
        condition.withLock {
            stopped = true
            while !finished { condition.wait() }
            batches = []
        }
    }

    /// The next batch of elements read ahead, with the texts read since the last batch; nil
    /// once all are taken. Waits for one when the read ahead is behind.
    func next() -> (batch: Batch, texts: [LocalizedText])? {
        condition.withLock {
            while batches.isEmpty && !finished { condition.wait() }
            let texts = newTexts
            newTexts = []
            return batches.isEmpty ? (texts.isEmpty ? nil : (Batch(), texts)) : (batches.removeFirst(), texts)
        }
    }

    /// Where the reader goes on after the last element taken, and whether any text read
    /// ahead took the default language; once ``next()`` gave nil.
    var result: (end: JSONScanner.Mark, usedDefaultLanguage: Bool) {
        condition.withLock { (end, usedDefaultLanguage) }
    }

    /// The first `{` at or after `offset` that opens an object whose first key is `"id"` and
    /// follows `},`: where an element of a list of units, posts or people starts, as every
    /// writer of these files writes them (a guess, which the reader checks).
    static func elementStart(in bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int? {
        func space(_ index: Int) -> Int {
            var index = index
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
            return index
        }
        let limit = min(bytes.count, offset + (1 << 20))
        var index = max(offset, 0)
        while index < limit {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "}") else { continue }
            let comma = space(index + 1)
            guard comma < bytes.count, bytes[comma] == UInt8(ascii: ",") else { continue }
            let brace = space(comma + 1)
            guard brace < bytes.count, bytes[brace] == UInt8(ascii: "{") else { continue }
            let key = space(brace + 1)
            guard key + 4 <= bytes.count, bytes[key] == UInt8(ascii: "\""), bytes[key + 1] == UInt8(ascii: "i"),
                bytes[key + 2] == UInt8(ascii: "d"), bytes[key + 3] == UInt8(ascii: "\"")
            else { continue }
            return brace
        }
        return nil
    }

    private func run() {
        var reader = OrgJSONReader(bytes: bytes, file: file, progress: nil)
        reader.language = language
        reader.scanner.restore(end)
        var batch = Batch(capacity: Self.batchSize)
        var textsSent = 0
        var last = end
        func send(finishing: Bool) -> Bool {
            condition.withLock {
                if !batch.elements.isEmpty { batches.append(batch) }
                newTexts += reader.builder.core.texts[textsSent...]
                end = last
                if finishing {
                    finished = true
                    usedDefaultLanguage = reader.usedDefaultLanguage
                }
                condition.broadcast()
                return !stopped
            }
        }
        do throws(DiagnosticError) {
            var first = true
            while try reader.scanner.nextElement(first: &first) {
                let problems = reader.builder.problems.count
                let count = batch.elements.count
                switch kind {
                case .unit: try reader.unit { batch.append(.unit(copy $1), idHash: nil) }
                case .post: try reader.post { batch.append(.post(copy $1), idHash: $1.idHash) }
                case .person: try reader.person { batch.append(.person(copy $1), idHash: $1.idHash) }
                }
                // An element with a problem (or not read: not an object) is the reader's to report.
                guard reader.builder.problems.count == problems, batch.elements.count > count else {
                    if batch.elements.count > count { batch.removeLast() }
                    break
                }
                last = reader.scanner.mark
                if batch.elements.count == Self.batchSize {
                    let goOn = send(finishing: false)
                    batch = Batch(capacity: Self.batchSize)
                    textsSent = reader.builder.core.texts.count
                    guard goOn else { break }
                    // The reader will not read these bytes again (unless for a diagnostic's line).
                    pages?.release(start..<last.offset)
                }
            }
        } catch {
            // Not JSON from here: the reader reads it, and says where.
        }
        // Given back first, so that the reader, once told this is finished, can take it again.
        if borrowed { SpareProcessors.giveBack() }
        _ = send(finishing: true)
    }
}

extension OrgJSONReader {
    /// Starts reading the rest of a list ahead on a second thread, when it is big enough and a
    /// processor is free; the list's own `[` has been taken.
    mutating func readAhead(_ kind: ReadAhead.Kind) {
        readingAhead?.cancel()
        readingAhead = nil
        let remaining = scanner.bytes.count - scanner.offset
        guard yaml == nil, let minimum = readAheadMinimum, remaining >= minimum else { return }
        // Tests read ahead whatever else runs (and take no processor from the pool).
        let borrowed = minimum > 0
        guard !borrowed || SpareProcessors.take() else { return }
        // The reader also gives what it reads to the builder, which takes about as long as the
        // reading: a third is its part, measured best at a million people.
        readingAhead = ReadAhead.start(kind, in: scanner.bytes, file: scanner.file, pages: pages, borrowed: borrowed,
                                       from: scanner.offset + remaining * 7 / 20, language: language)
        if readingAhead == nil, borrowed { SpareProcessors.giveBack() }
    }

    /// Takes what was read ahead when the reader has arrived at where it started, in the same
    /// list: its elements go to the builder, and the reader goes on after the last of them.
    /// False when the reader goes on by itself (the guess was wrong, or nothing was read).
    mutating func takeReadAhead(_ kind: ReadAhead.Kind) -> Bool {
        guard let ahead = readingAhead else { return false }
        readingAhead = nil
        guard scanner.offset == ahead.start, ahead.kind == kind, ahead.language == language else {
            ahead.cancel()
            return false
        }
        // The read ahead's texts, interned here as they come.
        var texts: [LocalizedText] = []
        var interned: [Int32] = []
        func intern(_ index: Int32?, _ builder: inout OrgBuilder) -> Int32? {
            guard let index else { return nil }
            if interned[Int(index)] < 0 { interned[Int(index)] = builder.intern(texts[Int(index)]) }
            return interned[Int(index)]
        }
        // An element's two texts (without making an array for each of a million).
        func internInOrder(_ first: Int32?, _ second: Int32?) {
            let (low, high) = (first ?? .max) <= (second ?? .max) ? (first, second) : (second, first)
            _ = intern(low, &builder)
            _ = intern(high, &builder)
        }
        while case (var batch, let newTexts)? = ahead.next() {
            texts += newTexts
            interned += repeatElement(-1, count: newTexts.count)
            let distance = IDTable.prefetchDistance
            for index in batch.elements.indices {
                // The id table's slot of an element ahead is asked for now (its hash was worked
                // out on the other thread), so that adding it does not wait for memory.
                if index + distance < batch.idHashes.count, let hash = batch.idHashes[index + distance] { builder.prefetch(hash: hash) }
                // An element's new texts are interned in the order it wrote them, as the reader
                // would have: that is the order of their indices here.
                switch batch.take(index) {
                case .unit(var unit):
                    internInOrder(unit.name, unit.head?.title)
                    unit.name = intern(unit.name, &builder)
                    if unit.head != nil { unit.head!.title = intern(unit.head!.title, &builder) }
                    add(unit)
                case .post(var post):
                    post.title = intern(post.title, &builder)
                    add(post)
                case .person(var person):
                    internInOrder(person.name, person.shorthand?.title)
                    person.name = intern(person.name, &builder)
                    if person.shorthand != nil { person.shorthand!.title = intern(person.shorthand!.title, &builder) }
                    add(person)
                case .taken: break
                }
                elementsRead += 1
                elementsReadAhead += 1
                if elementsRead & 0xFFFF == 0 { progress?(elementsRead, scanner.offset) }
            }
        }
        let (end, usedDefault) = ahead.result
        guard end.offset > scanner.offset else { return false }
        usedDefaultLanguage = usedDefaultLanguage || usedDefault
        scanner.restore(JSONScanner.Mark(offset: end.offset, line: Int32(scanner.line) + end.line,
                                         lineStart: end.line == 0 ? scanner.lineStart : end.lineStart))
        progress?(elementsRead, scanner.offset)
        return true
    }
}

/// The processors this process may still put to work. A reader reads ahead only on a free one,
/// so that orgs loaded side by side (as `diff` loads its two) do not crowd each other out.
public enum SpareProcessors {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var free = max(ProcessInfo.processInfo.activeProcessorCount - 1, 0)

    /// Runs `body` with up to `count` processors taken for threads of its own.
    public static func using<T>(_ count: Int, _ body: () throws -> T) rethrows -> T {
        let taken = lock.withLock {
            let taken = min(count, free)
            free -= taken
            return taken
        }
        defer { lock.withLock { free += taken } }
        return try body()
    }

    /// Takes a free processor; false when none is.
    static func take() -> Bool {
        lock.withLock {
            guard free > 0 else { return false }
            free -= 1
            return true
        }
    }

    static func giveBack() {
        lock.withLock { free += 1 }
    }
}
