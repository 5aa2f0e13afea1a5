import OrderedCollections

/// A place in the input as its reader counts places (a byte offset, an index into a list of
/// locations, a row); -1 for none. The reader turns places into ``SourceLocation``s at the end.
public typealias Place = Int

/// An id as written, and where.
struct Reference: Sendable {
    var id: String
    var at: Place
}

/// Provenance as written: the value, and where its `source` was written.
struct ProvenanceInput {
    var value = Provenance()
    var sourceAt: Place = -1
}

/// A reporting line as written: the post or person it goes to, and its provenance.
struct LineInput {
    var target: Reference
    var provenance = ProvenanceInput()
}

/// A short list of what an element wrote, its first item kept in place: the one holder and the
/// one line that almost every post has take no array of their own (an allocation and a release
/// each, two a post, in a big JSON load). Later items go into an array.
struct FewInputs<Element>: RandomAccessCollection, ExpressibleByArrayLiteral {
    private var head: Element?
    private var tail: [Element] = []

    init(arrayLiteral elements: Element...) {
        for element in elements { append(element) }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { head == nil ? 0 : 1 + tail.count }
    subscript(position: Int) -> Element { position == 0 ? head! : tail[position - 1] }

    mutating func append(_ element: Element) {
        if head == nil { head = element } else { tail.append(element) }
    }
}

/// Where a post came from: written as a post, or expanded from a shorthand. Messages name it
/// as the author wrote it.
enum PostOrigin: Sendable {
    case explicit
    case unitHead(unit: String)
    case personShorthand(person: String)

    /// The id of the post a unit's `head:` shorthand makes, unless it gives one.
    static func headPostID(ofUnit unit: String) -> String { "head.\(unit)" }
    /// The id of the post a person's `title`/`unit`/`reportsTo`/`dotted` shorthand makes.
    static func shorthandPostID(ofPerson person: String) -> String { "post.\(person)" }
}

/// A problem found while reading or building, at a place, with notes at the other places it
/// involves.
struct Problem {
    var at: Place
    var message: String
    var severity: Diagnostic.Severity
    var notes: [(message: String, at: Place)] = []
    /// Where else it could be placed: it is placed at the earliest of these and `at` in the file.
    var alternatives: [Place] = []
}

/// Builds an ``OrgCore`` from elements as a reader finds them, and checks it: the one resolver
/// and validator of every org, whatever it was read from.
///
/// A reader adds sources, units, posts and people with their references still written as ids,
/// in file order, then calls ``finish()``: every reference is resolved (with a "did you mean"
/// where an id is near a known one), primary posts and implied lines are found, and the
/// structure is checked: duplicate ids, unknown references, two heads, unit and reporting
/// cycles, people in no post, inferred facts without a note. The problems, the reader's own
/// among them, become diagnostics at their locations through ``diagnostics(locate:)``.
///
/// - Complexity: O(*n*) time, plus the unit tree's depth for each unit.
struct OrgBuilder {
    var core = OrgCore()
    /// How an import treats the lines of an HR export: a line to an unknown id, to the post
    /// itself, or closing a cycle is cut with a warning (the post is then a root, or reports to
    /// its unit's head by the unit tree). Org files
    /// (false) hold such lines to be errors.
    var cutsBrokenLines = false
    /// Whether an import's lines name posts (an org's own CSV) rather than people (an HR export).
    var linesNamePosts = false
    /// Whether units without a head or a parent get them from where people sit and whom they
    /// report to (``deriveUnitTree()``), as an import of an HR export does.
    var derivesUnitTree = false
    /// The unit that units left at the top go under when the tree is derived (an organogram's
    /// organisation).
    var derivedTreeRoot: String?
    private(set) var problems: [Problem] = []
    /// The texts stored, found by a hash of their languages and wording (codes are indices into
    /// the core's texts).
    private var textTable = IDTable()

    private var sourceAt: [String: Place] = [:]
    private var sourceReferences: [Reference] = []
    private var unitParentRef: [Reference?] = []
    private var postUnitRef: [Reference?] = []
    private var postLineRef: [Reference?] = []
    /// Holders of post *i* are `holderRefs[holderStart[i]..<holderStart[i + 1]]`.
    private var holderRefs: [Reference] = []
    private var holderStart: [Int32] = [0]
    private var dottedRefs: [(post: Int32, line: LineInput)] = []
    private var primaryRef: [Reference?] = []
    private var origins: [Int32: PostOrigin] = [:]
    /// Where each unit, post and person starts, and where its id was written.
    private var unitAt: [Place] = [], postAt: [Place] = [], personAt: [Place] = []
    private var idAt: [[Place]] = [[], [], []]
    /// Where each unit's `parent` and each post's written line were written, to place cycles.
    private var unitParentAt: [Place] = []
    private var postLineAt: [Place] = []
    /// Dotted lines with provenance, and where each was written, to check their notes.
    private var dottedNoteAt: [(post: Int32, at: Place, provenance: Provenance)] = []

    init() {}

    var hasErrors: Bool { problems.contains { $0.severity == .error } }

    mutating func problem(_ message: String, at place: Place, severity: Diagnostic.Severity = .error,
                          notes: [(message: String, at: Place)] = [], alternatives: [Place] = []) {
        problems.append(Problem(at: place, message: message, severity: severity, notes: notes, alternatives: alternatives))
    }

    /// Reserves room for about this many of each kind: the id table and every column of a
    /// kind, so that none grows by copying itself into new memory again and again (at a million
    /// people, the pages that growth touched were a fifth of a diff's time).
    mutating func reserve(units: Int, posts: Int, people: Int) {
        core.ids.reserve(units + posts + people)
        core.unitIDs.reserveCapacity(units)
        core.unitName.reserveCapacity(units)
        unitParentRef.reserveCapacity(units)
        unitAt.reserveCapacity(units)
        core.postIDs.reserveCapacity(posts)
        core.postTitle.reserveCapacity(posts)
        core.postIsHead.reserveCapacity(posts)
        core.postIsStaff.reserveCapacity(posts)
        postAt.reserveCapacity(posts)
        postUnitRef.reserveCapacity(posts)
        postLineRef.reserveCapacity(posts)
        postLineAt.reserveCapacity(posts)
        holderRefs.reserveCapacity(posts)
        holderStart.reserveCapacity(posts + 1)
        core.personIDs.reserveCapacity(people)
        core.personName.reserveCapacity(people)
        core.personStatus.reserveCapacity(people)
        primaryRef.reserveCapacity(people)
        personAt.reserveCapacity(people)
        for (kind, count) in [units, posts, people].enumerated() { idAt[kind].reserveCapacity(count) }
    }

    /// The index of a text in English only (none when empty), as an export gives names and
    /// titles: found by the string, without making a ``LocalizedText``, when it was seen before.
    mutating func intern(english text: String) -> Int32 {
        if text.isEmpty { return intern(LocalizedText()) }
        return intern(hash: Self.hash(CollectionOfOne((key: "en", value: text)))) { stored in
            stored.values.count == 1 && stored.values.keys[0] == "en" && stored.values.values[0] == text
        } make: {
            LocalizedText(["en": text])
        }
    }

    /// The index of a text, stored once however often it is used.
    mutating func intern(_ text: LocalizedText) -> Int32 {
        intern(hash: Self.hash(text.values.elements)) { $0 == text } make: { text }
    }

    /// The index of the stored text with this hash that `matches`, or of the one `make` gives,
    /// stored now. A table of the id table's kind: in an org whose people's names are all
    /// different (most real ones), each is a new text, and a dictionary keyed by texts took
    /// three quarters of a CSV's load of a million people.
    private mutating func intern(hash: UInt64, _ matches: (LocalizedText) -> Bool, make: () -> LocalizedText) -> Int32 {
        if let known = textTable.find(hash, { matches(core.texts[$0]) }) { return Int32(known) }
        let index = core.texts.count
        core.texts.append(make())
        textTable.insert(hash, code: index)
        return Int32(index)
    }

    /// A text's hash, from its languages and what it says in each, in order; texts that `==`
    /// finds equal (canonically equivalent wording) hash alike, as ``IDTable/hash(_:seed:)`` hashes.
    private static func hash(_ values: some Sequence<(key: LanguageCode, value: String)>) -> UInt64 {
        var hash: UInt64 = 0x243F_6A88_85A3_08D3
        func add(_ part: UInt64) {
            hash = (hash ^ part) &* 0x9E37_79B9_7F4A_7C15
            hash = (hash << 31) | (hash >> 33)
        }
        for (language, text) in values {
            add(IDTable.hash(language))
            add(IDTable.hash(text))
        }
        // The table places and tells texts apart by the upper half: every bit mixed into it.
        return (hash ^ (hash >> 32)) &* 0xBF58_476D_1CE4_E5B9
    }

    // MARK: Adding

    mutating func addSource(_ id: Reference, _ source: Source) {
        if let first = sourceAt[id.id] {
            problem("duplicate source id '\(id.id)'", at: id.at, notes: [("first defined here", first)])
            return
        }
        sourceAt[id.id] = id.at
        core.sources[SourceID(id.id)] = source
    }

    /// Adds a unit; false (and a problem) when its id is taken.
    /// - Parameter name: the interned name; nil when none was written.
    @discardableResult
    mutating func addUnit(id: Reference, name: Int32?, kind: String?, parent: Reference?, provenance: ProvenanceInput,
                          attributes: Attributes, at: Place) -> Bool {
        if name == nil { problem(Self.noName(.unit, id.id), at: at) }
        guard register(id, .unit, row: core.unitIDs.count) else { return false }
        let row = core.unitIDs.count
        core.unitIDs.append(id.id)
        core.unitName.append(name ?? intern(LocalizedText()))
        if let kind { core.unitKind[Int32(row)] = kind }
        unitParentRef.append(parent)
        unitAt.append(at)
        keep(provenance, attributes, .unit, row)
        return true
    }

    /// Adds a post; false (and a problem) when its id is taken.
    /// - Parameter reportsTo: every solid line written (more than one is a problem).
    @discardableResult
    mutating func addPost(id: Reference, idHash: UInt64? = nil, origin: PostOrigin = .explicit, title: Int32?, unit: Reference?, isHead: Bool,
                          isStaff: Bool = false, reportsTo: some Collection<LineInput>, dotted: some Sequence<LineInput>, holders: some Sequence<Reference>,
                          provenance: ProvenanceInput, attributes: Attributes, at: Place) -> Bool {
        guard register(id, .post, row: core.postIDs.count, hash: idHash) else { return false }
        let row = Int32(core.postIDs.count)
        if case .explicit = origin {} else { origins[row] = origin }
        core.postIDs.append(id.id)
        core.postTitle.append(title ?? intern(LocalizedText()))
        core.postIsHead.append(isHead)
        core.postIsStaff.append(isStaff)
        postAt.append(at)
        postUnitRef.append(unit)
        if reportsTo.count > 1 {
            problem("\(subject(Int(row))) has \(reportsTo.count) solid lines (\(reportsTo.map { "'\($0.target.id)'" }.joined(separator: ", "))); a post reports to one post, so make the others 'dotted'",
                    at: reportsTo.dropFirst().first!.target.at)
        }
        postLineRef.append(reportsTo.first?.target)
        postLineAt.append(reportsTo.first?.target.at ?? -1)
        if let line = reportsTo.first, !line.provenance.value.isEmpty || line.provenance.sourceAt >= 0 {
            core.lineProvenance[row] = line.provenance.value
            checkSource(line.provenance)
        }
        holderRefs.append(contentsOf: holders)
        holderStart.append(Int32(holderRefs.count))
        for line in dotted {
            dottedRefs.append((row, line))
            checkSource(line.provenance)
        }
        keep(provenance, attributes, .post, Int(row))
        return true
    }

    /// Adds a person; false (and a problem) when their id is taken.
    /// - Parameter name: the interned name; nil when none was written.
    @discardableResult
    mutating func addPerson(id: Reference, idHash: UInt64? = nil, name: Int32?, aliases: [String], status: PersonStatus, primary: Reference?,
                            provenance: ProvenanceInput, attributes: Attributes, at: Place) -> Bool {
        if name == nil { problem(Self.noName(.person, id.id), at: at) }
        guard register(id, .person, row: core.personIDs.count, hash: idHash) else { return false }
        let row = core.personIDs.count
        core.personIDs.append(id.id)
        core.personName.append(name ?? intern(LocalizedText()))
        if !aliases.isEmpty { core.personAliases[Int32(row)] = aliases }
        core.personStatus.append(status)
        primaryRef.append(primary)
        personAt.append(at)
        keep(provenance, attributes, .person, row)
        return true
    }

    /// The message for a unit or person written without a name.
    static func noName(_ kind: OrgCore.Kind, _ id: String) -> String { "\(kind) '\(id)' has no 'name'" }

    static func departedHoldsPost(_ person: String, _ post: String) -> String {
        "'\(person)' has 'status: departed' but holds post '\(post)'; take them off its holders (the post is then vacant) or give them another status"
    }

    private mutating func keep(_ provenance: ProvenanceInput, _ attributes: Attributes, _ kind: OrgCore.Kind, _ row: Int) {
        if !provenance.value.isEmpty { core.provenance[OrgCore.key(kind, row)] = provenance.value }
        if !attributes.isEmpty { core.attributes[OrgCore.key(kind, row)] = attributes }
        checkSource(provenance)
    }

    private mutating func checkSource(_ provenance: ProvenanceInput) {
        if let source = provenance.value.source?.source {
            sourceReferences.append(Reference(id: source.rawValue, at: provenance.sourceAt))
        }
    }

    /// Records an id; a duplicate is reported and left out (an import keeps the first with a
    /// warning, as it keeps the first of two rows).
    /// - Parameter hash: the id's ``IDTable/hash(_:)``, when the reader worked it out ahead
    ///   (and asked for its slot with ``prefetch(hash:)``).
    /// - Complexity: one hash of the id (none when it is given), two for a duplicate.
    private mutating func register(_ id: Reference, _ kind: OrgCore.Kind, row: Int, hash: UInt64? = nil) -> Bool {
        let hash = hash ?? IDTable.hash(id.id)
        if let earlier = core.code(of: id.id, hash: hash) {
            if cutsBrokenLines {
                problem("duplicate id '\(id.id)'; the row is left out (the first with this id is kept)", at: id.at, severity: .warning)
            } else {
                problem("duplicate id '\(id.id)'; ids must be unique across units, posts and people",
                        at: id.at, notes: [("first defined here, as a \(OrgCore.Kind(rawValue: earlier & 3)!)", idAt[earlier & 3][earlier >> 2])])
            }
            return false
        }
        core.ids.insert(hash, code: OrgCore.key(kind, row))
        idAt[kind.rawValue].append(id.at)
        return true
    }

    /// Starts loading where the id with this hash will be looked up, for a reader that knows
    /// the ids of the rows ahead (a dozen or so rows ahead hides the wait for memory).
    func prefetch(hash: UInt64) {
        core.ids.prefetch(hash)
    }

    /// How messages name a post: as the author wrote it.
    private func subject(_ post: Int) -> String {
        switch origins[Int32(post)] ?? .explicit {
        case .explicit where cutsBrokenLines && post + 1 < core.holderStart.count && core.firstHolder(post) >= 0:
            // An import names a post by the person in it, as a row of the export does.
            "'\(core.personIDs[Int(core.firstHolder(post))])'"
        case .explicit: "post '\(core.postIDs[post])'"
        case .unitHead(let unit): "the head of '\(unit)'"
        case .personShorthand(let person): "'\(person)'"
        }
    }

    // MARK: Resolving

    /// Ids of one kind, for suggestions.
    private func ids(_ kind: OrgCore.Kind) -> [String] {
        switch kind {
        case .unit: core.unitIDs
        case .post: core.postIDs
        case .person: core.personIDs
        }
    }

    /// "; did you mean 'x'?" for an id near one of the candidates, else "". Suggestions are
    /// looked for on the first hundred unknown references only, so that a file full of them
    /// is still reported in linear time.
    private mutating func suggestion(for id: String, among kinds: [OrgCore.Kind]) -> String {
        suggestionsMade += 1
        guard suggestionsMade <= 100 else { return "" }
        return Suggestions.closest(to: id, among: kinds.flatMap { ids($0) }).map { "; did you mean '\($0)'?" } ?? ""
    }
    private var suggestionsMade = 0

    /// The row of a reference of the expected kind, or -1 and a problem.
    /// - Parameter from: the row of the post (or, for `has parent`, the unit) that refers.
    private mutating func row(_ ref: Reference, _ kind: OrgCore.Kind, from: Int, _ relation: String) -> Int32 {
        if let (found, row) = core.element(ref.id) {
            if found == kind { return Int32(row) }
            problem("\(referrer(from, relation)) \(relation) '\(ref.id)', which is a \(found), not a \(kind)", at: ref.at)
            return -1
        }
        let message = "\(referrer(from, relation)) \(relation) unknown \(kind) '\(ref.id)'"
        problem(message + suggestion(for: ref.id, among: [kind]), at: ref.at)
        return -1
    }

    private func referrer(_ row: Int, _ relation: String) -> String {
        relation == "has parent" ? "unit '\(core.unitIDs[row])'" : subject(row)
    }

    /// The post a line goes to: a post, or a person's primary post.
    private mutating func lineTarget(_ ref: Reference, hash: UInt64? = nil, of post: Int) -> Int32 {
        let target = core.element(ref.id, hash: hash ?? IDTable.hash(ref.id))
        if cutsBrokenLines {
            // An export's manager column names a person, who stands for their post; an org's own
            // CSV names the post.
            switch target {
            case (.person, let row)? where !linesNamePosts && core.primary[row] >= 0: return core.primary[row]
            case (.post, let row)? where linesNamePosts: return Int32(row)
            default: break
            }
            problem("\(subject(post)) reports to unknown id '\(ref.id)'; the line is left out", at: ref.at, severity: .warning)
            return -1
        }
        switch target {
        case (.post, let row)?: return Int32(row)
        case (.person, let row)?:
            if core.primary[row] >= 0 { return core.primary[row] }
            problem("\(subject(post)) reports to '\(ref.id)', who holds no post; give them a post first", at: ref.at)
        case (.unit, let row)?:
            let head = core.unitHead[row]
            let hint = head >= 0 ? " (its head is '\(core.postIDs[Int(head)])')" : ""
            problem("\(subject(post)) reports to unit '\(ref.id)'; name a person or a post\(hint)", at: ref.at)
        case nil:
            problem("\(subject(post)) reports to unknown person or post '\(ref.id)'" + suggestion(for: ref.id, among: [.person, .post]), at: ref.at)
        }
        return -1
    }

    /// Resolves every reference and checks the org; the problems found are added to ``problems``.
    /// The structure (cycles, heads, implied lines) is checked only when every reference
    /// resolved, and the reader found no error of its own: on a half-read org it would only
    /// echo them.
    mutating func finish() -> OrgCore {
        resolve()
        if !hasErrors {
            check()
        } else {
            // Unchecked, the core still answers: written lines only, each cycle cut.
            core.superior = core.writtenLine
            core.superiorImplied = [Bool](repeating: false, count: core.postIDs.count)
            for cycle in HierarchyIndex.cycles(core.superior) {
                core.cutCycles.append(cycle)
                core.superior[Int(cycle[0])] = -1
            }
        }
        return core
    }

    private mutating func resolve() {
        let posts = core.postIDs.count, people = core.personIDs.count
        for source in sourceReferences where core.sources[SourceID(source.id)] == nil {
            suggestionsMade += 1
            let near = suggestionsMade <= 100 ? Suggestions.closest(to: source.id, among: core.sources.keys.map(\.rawValue)) : nil
            problem("unknown source '\(source.id)'" + (near.map { "; did you mean '\($0)'?" } ?? "; list it under 'sources:' at the top of the file"),
                    at: source.at)
        }
        sourceReferences = []
        core.unitParent = unitIDsResolved()
        let postIDs = core.postIDs
        var postUnit = [Int32](repeating: -1, count: posts)
        // Posts come in runs of one unit: the last unit found is tried before the table.
        var lastUnit = (id: "", row: Int32(-1))
        for post in 0..<posts {
            guard let ref = postUnitRef[post] else { continue }
            if lastUnit.row >= 0, ref.id == lastUnit.id {
                postUnit[post] = lastUnit.row
                continue
            }
            postUnit[post] = row(ref, .unit, from: post, "is in")
            if postUnit[post] < 0 { core.danglingUnit[Int32(post)] = ref.id } else { lastUnit = (ref.id, postUnit[post]) }
        }
        core.postUnit = postUnit
        // Each unit's head (the first written, if a file wrongly gives two); checked later.
        core.unitHead = [Int32](repeating: -1, count: core.unitIDs.count)
        for post in 0..<posts where core.postIsHead[post] && postUnit[post] >= 0 && core.unitHead[Int(postUnit[post])] < 0 {
            core.unitHead[Int(postUnit[post])] = Int32(post)
        }

        // Holders, then primary posts (declared, else the first held in file order).
        core.primary = [Int32](repeating: -1, count: people)
        core.primaryDeclared = [Bool](repeating: false, count: people)
        core.holderRows.reserveCapacity(holderRefs.count)
        var held: [Int32: [Int32]] = [:]  // people holding several posts: all of them
        for post in 0..<posts {
            let first = core.holderRows.count
            for ref in holderRefs[Int(holderStart[post])..<Int(holderStart[post + 1])] {
                // An export's row is a person and their post, at the same row: found without a hash.
                let person = post < people && core.personIDs[post] == ref.id ? Int32(post) : row(ref, .person, from: post, "is held by")
                guard person >= 0 else { continue }
                if core.holderRows[first...].contains(person) {
                    problem("'\(ref.id)' is listed twice as a holder of \(subject(post))", at: ref.at)
                    continue
                }
                core.holderRows.append(person)
                if core.primary[Int(person)] < 0 {
                    core.primary[Int(person)] = Int32(post)
                } else {
                    held[person, default: [core.primary[Int(person)]]].append(Int32(post))
                }
            }
            core.holderStart.append(Int32(core.holderRows.count))
        }
        holderRefs = []
        holderStart = []
        for person in 0..<people {
            guard let ref = primaryRef[person] else { continue }
            // Usually the one post they hold, found without a lookup.
            if core.primary[person] >= 0, held[Int32(person)] == nil, postIDs[Int(core.primary[person])] == ref.id {
                core.primaryDeclared[person] = true
                continue
            }
            let holds = held[Int32(person)] ?? (core.primary[person] >= 0 ? [core.primary[person]] : [])
            if let (kind, post) = core.element(ref.id), kind == .post, holds.contains(Int32(post)) {
                core.primary[person] = Int32(post)
                core.primaryDeclared[person] = true
            } else {
                var message = "primary post '\(ref.id)' of '\(core.personIDs[person])' is not a post they hold"
                if !holds.isEmpty { message += "; they hold \(holds.map { "'\(postIDs[Int($0)])'" }.joined(separator: ", "))" }
                problem(message, at: ref.at)
            }
        }
        primaryRef = []

        // Lines go to posts; a person stands for their primary post.
        var written = [Int32](repeating: -1, count: posts)
        // The targets' ids hashed and their slots asked for some posts ahead (see ``Ahead``).
        // The closure sees only the references and the table: one that saw `self` copied
        // the whole builder each time (6% of a JSON load's time).
        var ahead = Ahead<UInt64?>()
        let lineRefs = postLineRef, ids = core.ids
        for post in 0..<posts {
            let hash = ahead.value(at: post, count: posts) { post in
                guard let ref = lineRefs[post] else { return nil }
                let hash = IDTable.hash(ref.id)
                ids.prefetch(hash)
                return hash
            }
            guard let ref = postLineRef[post], let hash else { continue }
            written[post] = lineTarget(ref, hash: hash, of: post)
            if cutsBrokenLines, written[post] == Int32(post) {
                problem("\(subject(post)) reports to themselves; the line is left out", at: ref.at, severity: .warning)
                written[post] = -1
            }
        }
        postLineRef = []
        var dottedLines: [Int32: [Provenance]] = [:]
        for (post, line) in dottedRefs {
            let target = lineTarget(line.target, of: Int(post))
            guard target >= 0 else { continue }
            core.dotted[post, default: []].append(target)
            dottedLines[post, default: []].append(line.provenance.value)
            if !line.provenance.value.isEmpty { dottedNoteAt.append((post, line.target.at, line.provenance.value)) }
        }
        core.dottedProvenance = dottedLines.filter { $0.value.contains { !$0.isEmpty } }
        dottedRefs = []
        // A post written as a person's shorthand with only a line works in its manager's unit.
        for post in 0..<posts where postUnitRef[post] == nil {
            if case .personShorthand = origins[Int32(post)], written[post] >= 0 {
                let unit = postUnit[Int(written[post])]
                if unit >= 0, postUnitRef[Int(written[post])] != nil {
                    core.postUnit[post] = unit
                } else {
                    problem("\(subject(post)) needs a unit: add 'unit:'", at: postAt[post])
                }
            } else {
                problem("\(subject(post)) is in no unit: add 'unit:' naming one of the units", at: postAt[post])
            }
        }
        postUnitRef = []
        core.writtenLine = written
    }

    private mutating func unitIDsResolved() -> [Int32] {
        var parents = [Int32](repeating: -1, count: unitParentRef.count)
        for unit in unitParentRef.indices {
            if let ref = unitParentRef[unit] { parents[unit] = row(ref, .unit, from: unit, "has parent") }
        }
        unitParentAt = unitParentRef.map { $0?.at ?? -1 }
        unitParentRef = []
        return parents
    }

    // MARK: Checking

    /// What only the whole org shows: unit cycles, two heads, reporting cycles, people in no
    /// post, inferred facts without a note; and the implied lines.
    private mutating func check() {
        let posts = core.postIDs.count
        if cutsBrokenLines {
            // Each cycle is cut where the walk that found it closed it.
            for cycle in HierarchyIndex.cycles(core.writtenLine) {
                let cut = Int(cycle[0])
                problem("reporting cycle \(cycleNames(cycle)); the line of \(subject(cut)) is left out", at: postLineAt[cut], severity: .warning)
                core.writtenLine[cut] = -1
            }
        }
        if derivesUnitTree { deriveUnitTree() }
        // Unit cycles, each once from its first unit in file order.
        let unitCycles = HierarchyIndex.cycles(core.unitParent)
        for cycle in unitCycles {
            let names = (cycle + [cycle[0]]).map { "'\(core.unitIDs[Int($0)])'" }.joined(separator: " → ")
            problem("unit '\(core.unitIDs[Int(cycle[0])])' is its own ancestor: \(names); one of these 'parent' lines is wrong",
                    at: unitParentAt[Int(cycle[0])])
        }
        let head = core.unitHead
        for post in 0..<posts where core.postIsHead[post] {
            let unit = Int(core.postUnit[post])
            if head[unit] != Int32(post) {
                problem("unit '\(core.unitIDs[unit])' has two heads, '\(core.postIDs[Int(head[unit])])' and '\(core.postIDs[post])'; a shared head is one post with several holders",
                        at: postAt[post])
            }
        }
        checkNotes()
        core.superior = core.writtenLine
        core.superiorImplied = [Bool](repeating: false, count: posts)
        for person in 0..<core.personIDs.count where core.primary[person] < 0 && core.personStatus[person].expectsPost {
            problem("'\(core.personIDs[person])' holds no post; give them a post (title, unit, reportsTo) or 'status: departed'",
                    at: personAt[person], severity: .warning)
        }
        // A departed person holds nothing: else queries would give them reports and spans.
        for person in 0..<core.personIDs.count where core.primary[person] >= 0 && core.personStatus[person] == .departed {
            problem(Self.departedHoldsPost(core.personIDs[person], core.postIDs[Int(core.primary[person])]), at: personAt[person])
        }
        // Implied lines follow the unit tree, so they are only meaningful without unit cycles.
        if unitCycles.isEmpty { implyLines(head: head) }
        // A staff post serves the post its solid line goes to: at the top it serves no one.
        for post in 0..<posts where core.postIsStaff[post] && core.superior[post] < 0 {
            problem("staff post '\(core.postIDs[post])' serves no one: it has no solid line, written or implied by its unit; give it 'reportsTo' the post it serves, or leave out 'staff'",
                    at: postAt[post])
        }
        // Reporting cycles, through written and implied lines, each at its first written line
        // in the file; then cut, so that the core still answers every question finitely.
        for cycle in HierarchyIndex.cycles(core.superior) {
            let written = cycle.map { postLineAt[Int($0)] }.filter { $0 >= 0 }
            problem("reporting cycle: \(cycleNames(cycle)); one of these must report elsewhere",
                    at: written.first ?? postAt[Int(cycle[0])], alternatives: Array(written.dropFirst()))
            core.cutCycles.append(cycle)
            core.superior[Int(cycle[0])] = -1
            core.superiorImplied[Int(cycle[0])] = false
        }
    }

    /// Gives each unit without a head one, and each unit without a parent one, from where
    /// people sit and whom they report to. The rule: a unit's head is the post in it whose
    /// solid line goes outside it (or nowhere); where several do, the one to whom most of the
    /// unit reports, through lines inside it (the smaller id, on a tie), with a warning that
    /// names the others. A unit's parent is the unit of the post its head reports to; with none,
    /// ``derivedTreeRoot``. A derived parent that would close a cycle of units is left out, with a
    /// warning. Written heads and parents are kept.
    /// - Complexity: O(*n*).
    private mutating func deriveUnitTree() {
        let posts = core.postIDs.count, units = core.unitIDs.count
        let unitOf = core.postUnit, line = core.writtenLine
        // Each post's top in its unit: where going up its lines leaves the unit (or closes a
        // cycle inside it).
        var top = [Int32](repeating: -1, count: posts)
        var onPath = [Bool](repeating: false, count: posts)
        var path: [Int] = []
        for start in 0..<posts where top[start] < 0 {
            var post = start
            path.removeAll(keepingCapacity: true)
            while top[post] < 0, !onPath[post] {
                let up = Int(line[post])
                if up < 0 || unitOf[up] != unitOf[post] { break }
                onPath[post] = true
                path.append(post)
                post = up
            }
            let reached = top[post] >= 0 ? top[post] : Int32(post)
            top[post] = reached
            for step in path {
                top[step] = reached
                onPath[step] = false
            }
        }
        var reporting = [Int32](repeating: 0, count: posts)
        for post in 0..<posts { reporting[Int(top[post])] += 1 }
        var candidates: [Int32: [Int32]] = [:]
        for post in 0..<posts where top[post] == Int32(post) && unitOf[post] >= 0 && core.unitHead[Int(unitOf[post])] < 0 {
            candidates[unitOf[post], default: []].append(Int32(post))
        }
        for (unit, list) in candidates.sorted(by: { $0.key < $1.key }) {
            var head = list[0]
            // On a tie, the smaller id: the same head whatever the order of the rows.
            for post in list.dropFirst() where reporting[Int(post)] > reporting[Int(head)]
                || (reporting[Int(post)] == reporting[Int(head)] && core.postIDs[Int(post)] < core.postIDs[Int(head)]) { head = post }
            core.unitHead[Int(unit)] = head
            core.postIsHead[Int(head)] = true
            guard list.count > 1 else { continue }
            let others = list.filter { $0 != head }
            let members = list.reduce(0) { $0 + Int(reporting[Int($1)]) }
            var notes = others.prefix(5).map { post in
                (message: line[Int(post)] < 0 ? "\(subject(Int(post))) has no line up, so reports to the head by the unit tree"
                    : "\(subject(Int(post))) also reports outside it", at: postAt[Int(post)])
            }
            if others.count > 5 { notes.append((message: "and \(others.count - 5) more", at: -1)) }
            problem("unit '\(core.unitIDs[Int(unit)])' has \(list.count) posts whose solid line goes outside it; \(subject(Int(head))), to whom \(reporting[Int(head)]) of its \(members) report, is taken as its head (turn this off with --no-unit-tree)",
                    at: postAt[Int(head)], severity: .warning, notes: notes)
        }
        let root = derivedTreeRoot.flatMap { id in core.element(id).flatMap { $0.kind == .unit ? Int32($0.row) : nil } } ?? -1
        var derived = [Bool](repeating: false, count: units)
        for unit in 0..<units where core.unitParent[unit] < 0 && Int32(unit) != root {
            let head = Int(core.unitHead[unit])
            var parent = head >= 0 && line[head] >= 0 ? unitOf[Int(line[head])] : -1
            if parent == Int32(unit) || parent < 0 { parent = root }
            guard parent >= 0 else { continue }
            core.unitParent[unit] = parent
            derived[unit] = true
        }
        // A cycle of units that a derived parent closes is opened there; one of written parents
        // stays, an error.
        while let cycle = HierarchyIndex.cycles(core.unitParent).first(where: { $0.contains { derived[Int($0)] } }) {
            let cut = Int(cycle.first { derived[Int($0)] }!)
            let names = (cycle + [cycle[0]]).map { "'\(core.unitIDs[Int($0)])'" }.joined(separator: " → ")
            problem("the heads of units \(names) report into each other's units; '\(core.unitIDs[cut])' is left without a parent unit",
                    at: core.unitHead[cut] >= 0 ? postAt[Int(core.unitHead[cut])] : -1, severity: .warning)
            core.unitParent[cut] = cut == Int(root) ? -1 : root
            derived[cut] = false
            if core.unitParent[cut] >= 0, HierarchyIndex.cycles(core.unitParent).contains(where: { $0.contains(Int32(cut)) }) { core.unitParent[cut] = -1 }
        }
    }

    /// The line of each post without a written one: to its unit's head, a head to the head of
    /// the nearest unit above that has one.
    private mutating func implyLines(head: [Int32]) {
        let units = core.unitIDs.count
        var headAbove = [Int32](repeating: -1, count: units)
        let unitDepths = HierarchyIndex.depths(core.unitParent)
        for unit in (0..<units).sorted(by: { unitDepths[$0] < unitDepths[$1] }) {
            let parent = Int(core.unitParent[unit])
            if parent >= 0 { headAbove[unit] = head[parent] >= 0 ? head[parent] : headAbove[parent] }
        }
        for post in core.postIDs.indices where core.superior[post] < 0 {
            let unit = Int(core.postUnit[post])
            var above: Int32 = -1
            if !core.postIsHead[post], head[unit] >= 0, head[unit] != Int32(post) {
                above = head[unit]
            } else if headAbove[unit] >= 0, headAbove[unit] != Int32(post) {
                above = headAbove[unit]
            }
            core.superior[post] = above
            core.superiorImplied[post] = above >= 0
        }
    }

    /// A cycle of posts as their holders (or, vacant, their ids) name it: `'a' → 'b' → 'a'`.
    private func cycleNames(_ cycle: [Int32]) -> String {
        (cycle + [cycle[0]]).map { row in
            let holder = core.firstHolder(Int(row))
            return "'\(holder >= 0 ? core.personIDs[Int(holder)] : core.postIDs[Int(row)])'"
        }.joined(separator: " → ")
    }

    /// A fact marked inferred needs a note saying why.
    private mutating func checkNotes() {
        func lacksNote(_ provenance: Provenance?) -> Bool {
            guard let provenance, provenance.isInferred else { return false }
            return (provenance.note ?? "").isEmpty
        }
        for (key, provenance) in core.provenance.sorted(by: { $0.key < $1.key }) where lacksNote(provenance) {
            let row = key >> 2
            switch OrgCore.Kind(rawValue: key & 3)! {
            case .unit: problem("unit '\(core.unitIDs[row])' is marked inferred but has no 'note' saying why", at: unitAt[row], severity: .warning)
            case .post: problem("\(subject(row)) is marked inferred but has no 'note' saying why", at: postAt[row], severity: .warning)
            case .person: problem("'\(core.personIDs[row])' is marked inferred but has no 'note' saying why", at: personAt[row], severity: .warning)
            }
        }
        for (post, provenance) in core.lineProvenance.sorted(by: { $0.key < $1.key }) where lacksNote(provenance) {
            problem("the solid line of '\(core.postIDs[Int(post)])' is marked inferred but has no 'note' saying why",
                    at: postLineAt[Int(post)], severity: .warning)
        }
        for line in dottedNoteAt where lacksNote(line.provenance) {
            problem("the dotted line of '\(core.postIDs[Int(line.post)])' is marked inferred but has no 'note' saying why",
                    at: line.at, severity: .warning)
        }
    }

    // MARK: Diagnostics

    /// The problems as diagnostics in file order, each place turned into a location by `locate`
    /// (given every place at once, in increasing order, so a reader can find them in one pass).
    func diagnostics(locate: ([Place]) -> [Place: SourceLocation]) -> [Diagnostic] {
        guard !problems.isEmpty else { return [] }
        let places = Set(problems.map(\.at) + problems.flatMap { $0.notes.map(\.at) } + problems.flatMap(\.alternatives)).filter { $0 >= 0 }.sorted()
        let locations = locate(places)
        var collector = DiagnosticCollector()
        var seen: Set<Diagnostic> = []
        for problem in problems {
            let location = ([problem.at] + problem.alternatives).compactMap { locations[$0] }.min()
            let diagnostic = Diagnostic(problem.severity, problem.message, at: location,
                                        notes: problem.notes.map { Diagnostic.Note($0.message, at: locations[$0.at]) })
            // A provenance shared by a person and their shorthand post is reported once.
            if seen.insert(diagnostic).inserted { collector.add(diagnostic) }
        }
        return collector.sorted
    }
}
