import CPrefetch
import Foundation

/// The ids of an org, found by their bytes: an open-addressing table of `row << 2 | kind` codes,
/// each slot with the upper half of its id's hash, so that a probe compares ids only when their
/// hashes match. The ids themselves stay in the core's rows: the table holds 8 bytes a slot.
///
/// It does for ``OrgCore`` what `[String: Int]` did, with one pass over the id's UTF-8 (a
/// multiply-rotate hash, seeded once a process; a table kept in an index file keeps the seed it
/// was made with, taken from its source's bytes) instead of SipHash, and without a second copy
/// of each id: at a million people the core is 66 MB smaller.
struct IDTable: Sendable {
    /// `tag << 32 | (code + 1)`, 0 for an empty slot.
    private var slots: [UInt64] = []
    private(set) var count = 0

    /// Mixed into every hash of the tables made in this process, so that a file cannot be
    /// written to collide on purpose.
    private static let seed = UInt64.random(in: 1 ... .max)

    /// This table's seed: the process's, or the one an index file's table was made with.
    let seed: UInt64

    /// An empty table, seeded as every table this process makes.
    init() { seed = Self.seed }

    /// A table kept in an index file: its seed, slots and count, as ``slotsKept`` gave them;
    /// nil when they cannot be one (a size not a power of two, no empty slot, a code that
    /// `isCode` refuses, another count of full slots, or a run of full slots longer than a
    /// table this process fills ever has, which would make each look-up walk it). `isCode` is
    /// asked of every slot, as -1 for an empty one, and its answer for those is not used.
    init?(seed: UInt64, slots: [UInt64], count: Int, isCode: (Int) -> Bool) {
        guard slots.isEmpty ? count == 0 : slots.count.nonzeroBitCount == 1 && count < slots.count else { return nil }
        // Without a branch on whether a slot is full: half of them are, in no order a processor
        // could guess, and a guess missed for each of millions of slots cost more than the rest.
        var full = 0, run = 0, longest = 0, notCodes = 0
        slots.withUnsafeBufferPointer { slots in
            for slot in slots {
                let isFull = slot != 0 ? 1 : 0
                full &+= isFull
                run = (run &+ 1) & -isFull
                longest = max(longest, run)
                notCodes |= isFull & (isCode(Int(slot & 0xFFFF_FFFF) &- 1) ? 0 : 1)
            }
        }
        // The last run goes on at the start (the table wraps around).
        let firstRun = slots.firstIndex(of: 0) ?? 0
        guard notCodes == 0, full == count, max(longest, run + firstRun) <= Self.longestRun else { return nil }
        self.seed = seed
        self.slots = slots
        self.count = count
    }

    /// The most full slots in a row a kept table may have. At most half full, as this process
    /// keeps every table, a run of a few hundred is already past any odds.
    static let longestRun = 1 << 12

    /// An empty table with this seed, for an index file: one fixed by what the file holds, so
    /// that the same org gives the same file.
    init(seed: UInt64) { self.seed = seed }

    /// The slots, for an index file to keep.
    var slotsKept: [UInt64] { slots }

    /// The hash of an id for this table (``hash(_:seed:)`` with its seed).
    func hash(_ id: String) -> UInt64 { Self.hash(id, seed: seed) }

    /// The hash of an id for the tables this process makes: of its UTF-8 bytes when they are
    /// ASCII, else of its canonical composition (NFC), since two ids are the same id when
    /// Swift's `==` says so, and that is canonical equivalence (`é` as one scalar or as `e` and
    /// an accent; the Kelvin sign and `K`).
    static func hash(_ id: String, seed: UInt64 = seed) -> UInt64 {
        var id = id
        if let hash = id.withUTF8({ bytesHash($0, asciiOnly: true, seed: seed) }) { return hash }
        var composed = id.precomposedStringWithCanonicalMapping
        return composed.withUTF8 { bytesHash($0, asciiOnly: false, seed: seed)! }
    }

    /// The hash of any bytes as they are (an id's, of ASCII ids, is ``hash(_:)``).
    static func hash(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        bytesHash(bytes, asciiOnly: false)!
    }

    /// A hash fixed for good, for what is kept in files: the content of an index file's source,
    /// and of the index file itself, each hashed whenever an index is opened. Four words a step,
    /// each into a lane of its own (the lanes' multiplications do not wait on one another, so a
    /// step costs about what one word costs ``hash(bytes:)``); then the lanes mixed into one,
    /// and the rest hashed as ``hash(bytes:)`` hashes, seeded with it.
    static func stableHash(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let seed: UInt64 = 0x243F_6A88_85A3_08D3
        guard let base = bytes.baseAddress, bytes.count >= 32 else { return bytesHash(bytes, asciiOnly: false, seed: seed)! }
        let raw = UnsafeRawPointer(base)
        var lanes = (seed, seed &+ 0x9E37_79B9_7F4A_7C15, seed &+ 0x3C6E_F372_FE94_F82A, seed &+ 0xDAA6_6D2C_7DDF_743F)
        @inline(__always) func step(_ lane: inout UInt64, _ word: UInt64) {
            lane = (lane ^ word) &* 0x9E37_79B9_7F4A_7C15
            lane = (lane << 31) | (lane >> 33)
        }
        let whole = bytes.count & ~31
        var offset = 0
        while offset < whole {
            step(&lanes.0, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            step(&lanes.1, raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            step(&lanes.2, raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            step(&lanes.3, raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
            offset += 32
        }
        var joined = mix(lanes.0)
        for lane in [lanes.1, lanes.2, lanes.3] { joined = mix(joined ^ lane) }
        return bytesHash(UnsafeBufferPointer(rebasing: bytes[whole...]), asciiOnly: false, seed: joined ^ UInt64(bytes.count))!
    }

    /// The hash of bytes, eight a step, then the rest, then a final mix; nil, when `asciiOnly`,
    /// for bytes that are not all ASCII (found in the same pass).
    @inline(__always)
    private static func bytesHash(_ bytes: UnsafeBufferPointer<UInt8>, asciiOnly: Bool, seed: UInt64 = seed) -> UInt64? {
        var hash = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        guard let base = bytes.baseAddress else { return mix(hash) }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        var high: UInt64 = 0
        while offset + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            high |= word
            hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
            hash = (hash << 31) | (hash >> 33)
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        if asciiOnly, (high | tail) & 0x8080_8080_8080_8080 != 0 { return nil }
        return mix((hash ^ tail) &* 0xBF58_476D_1CE4_E5B9)
    }

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        var value = value
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// Makes room for `count` ids without growing.
    mutating func reserve(_ count: Int) {
        if count * 2 > slots.count { rehash(capacity: count) }
    }

    /// Where an id with this hash is looked for first: its upper half, which its slot keeps,
    /// so that growing and removing need no id read again.
    @inline(__always)
    private func home(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> 32) & (slots.count - 1) }

    /// The code of the id whose hash is `hash` and for which `matches` holds, nil when none is.
    @inline(__always)
    func find(_ hash: UInt64, _ matches: (Int) -> Bool) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        let tag = hash >> 32
        var index = home(hash)
        while true {
            let slot = slots[index]
            if slot == 0 { return nil }
            if slot >> 32 == tag, matches(Int(slot & 0xFFFF_FFFF) - 1) { return Int(slot & 0xFFFF_FFFF) - 1 }
            index = (index + 1) & mask
        }
    }

    /// How many items ahead a loop that adds or looks up ids asks for their slots
    /// (``prefetch(_:)``): enough for memory to answer while the items between are worked on.
    static let prefetchDistance = 16

    /// Starts loading the slot an id with this hash is looked for first, so that a look-up a
    /// few ids later does not wait for memory: the table is far bigger than the caches, and at a
    /// million people that wait was a quarter of a CSV's load.
    @inline(__always)
    func prefetch(_ hash: UInt64) {
        guard !slots.isEmpty else { return }
        slots.withUnsafeBufferPointer { orggraph_prefetch($0.baseAddress! + home(hash)) }
    }

    /// Adds a code for an id known not to be in the table.
    mutating func insert(_ hash: UInt64, code: Int) {
        precondition(code >= 0 && code < 0xFFFF_FFFF, "an org of more than a billion elements")
        if (count + 1) * 2 > slots.count { rehash(capacity: count + 1) }
        place((hash >> 32) << 32 | UInt64(code + 1))
        count += 1
    }

    /// Removes the slot holding `code`, whose id has this hash, and moves back the slots after
    /// it in its run that would no longer be reached (deletion by backward shift).
    mutating func remove(_ hash: UInt64, code: Int) {
        let mask = slots.count - 1
        var hole = home(hash)
        while slots[hole] & 0xFFFF_FFFF != UInt64(code + 1) { hole = (hole + 1) & mask }
        slots[hole] = 0
        count -= 1
        var next = (hole + 1) & mask
        while slots[next] != 0 {
            let start = home(slots[next])
            // The slot may fill the hole unless its home lies cyclically in (hole, next].
            let reachable = hole <= next ? (start > hole && start <= next) : (start > hole || start <= next)
            if !reachable {
                slots[hole] = slots[next]
                slots[next] = 0
                hole = next
            }
            next = (next + 1) & mask
        }
    }

    private mutating func place(_ slot: UInt64) {
        let mask = slots.count - 1
        var index = home(slot)
        while slots[index] != 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    private mutating func rehash(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        let old = slots
        slots = LargeMemory.zeroed(count: size)
        for slot in old where slot != 0 { place(slot) }
    }
}

/// Values worked out a few items before a loop uses them, kept in a ring: a loop over items
/// `0..<count`, in order, asks for item *i*'s value and the value of item *i* + `distance` is
/// made then. Made for hashing ids ahead of looking them up, and asking ``IDTable/prefetch(_:)``
/// for their slots as they are hashed, so that the look-up does not wait for memory.
struct Ahead<Value> {
    let distance: Int
    private var ring: [Value?]

    init(distance: Int = IDTable.prefetchDistance) {
        self.distance = distance
        ring = Array(repeating: nil, count: 2 * distance)
    }

    /// Item `index`'s value, made by `make` when it was not made ahead.
    mutating func value(at index: Int, count: Int, _ make: (Int) -> Value) -> Value {
        if index == 0 {
            for item in 0..<min(distance, count) { ring[item] = make(item) }
        }
        if index + distance < count { ring[(index + distance) % ring.count] = make(index + distance) }
        return ring[index % ring.count] ?? make(index)
    }
}


/// Arrays big enough to span many pages, asked for in huge pages where the system gives them
/// on request (Linux's transparent huge pages in `madvise` mode): a table looked up at random,
/// as the id table is, then misses the processor's page cache (TLB) far less, and is faulted in
/// 2 MB at a time rather than 4 KB.
enum LargeMemory {
    /// Below this, pages of 4 KB are kept: a huge page would mostly hold nothing.
    static let threshold = 4 << 20

    /// `count` zeros, in huge pages when the array is big.
    static func zeroed<T: FixedWidthInteger>(count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count * MemoryLayout<T>.stride >= threshold, let base = buffer.baseAddress { adviseHuge(base, bytes: count * MemoryLayout<T>.stride) }
            buffer.initialize(repeating: 0)
            initialized = count
        }
    }

    /// Advises the whole 2 MB blocks within a range, before they are first written.
    static func adviseHuge(_ base: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        let huge = 2 << 20
        let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1), end = (Int(bitPattern: base) + bytes) & ~(huge - 1)
        if end > start { madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
        #endif
    }
}
