/// JSON Schemas (draft 2020-12) of the org file and the changeset, for editors: made from the
/// readers' own lists of keys, so that a key the reader takes is a key the schema knows. The
/// schema is an aid that completes keys and flags unknown ones; `validate` is the authority
/// (ids that resolve, dates that exist, one head a unit), and a file the schema accepts can
/// still be refused there.
public enum Schemas {
    /// Which file a schema describes.
    public enum Kind: String, CaseIterable, Sendable {
        /// `org`: an org file; `changeset`: a changeset file.
        case org, changeset

        /// The file name the schema ships under, in `Graphs/schemas/`.
        public var fileName: String { "\(rawValue).schema.json" }
    }

    /// The schema as JSON text, ending with a newline.
    public static func text(_ kind: Kind) -> String {
        schema(kind).rendered() + "\n"
    }

    /// The schema as a JSON value.
    public static func schema(_ kind: Kind) -> JSONValue {
        switch kind {
        case .org: org
        case .changeset: changeset
        }
    }

    // MARK: The shapes values take

    private static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/$defs/\(name)"))]) }
    private static func anyOf(_ choices: JSONValue...) -> JSONValue { .object([("anyOf", .array(choices))]) }
    private static func oneOrMany(_ item: JSONValue) -> JSONValue { anyOf(item, .object([("type", "array"), ("items", item)])) }
    private static func described(_ text: String, _ schema: JSONValue) -> JSONValue {
        guard case .object(let pairs) = schema else { return schema }
        return .object([("description", .string(text))] + pairs)
    }

    /// An object of exactly `keys`, each typed by `type(key)`; a key without a type is a
    /// mistake in this file, which the tests catch.
    private static func object(_ keys: [String], required: [String] = [], _ type: (String) -> JSONValue?) -> JSONValue {
        var properties: [(String, JSONValue)] = []
        for key in keys {
            guard let schema = type(key) else { preconditionFailure("the schema has no type for the key '\(key)'") }
            properties.append((key, schema))
        }
        var pairs: [(String, JSONValue)] = [("type", "object"), ("properties", .object(properties))]
        if !required.isEmpty { pairs.append(("required", .array(required.map { .string($0) }))) }
        pairs.append(("additionalProperties", false))
        return .object(pairs)
    }

    /// The definitions both schemas use.
    private static let common: [(String, JSONValue)] = [
        // Text however it looks: YAML reads `00123` or `yes` as a number or a boolean, the reader as text.
        ("scalar", .object([("type", .array(["string", "number", "boolean"]))])),
        ("id", described("one word without spaces, unique across units, posts and people",
                         anyOf(.object([("type", "string"), ("pattern", "^\\S+$")]), .object([("type", "number")])))),
        ("date", described("a day YYYY-MM-DD, or a month YYYY-MM or a year YYYY when that is all that is known",
                           .object([("type", "string"), ("pattern", "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")])))
        ,
        ("text", described("plain text, or language codes to text: {zh: 刘逍, en: Liu Xiao}",
                           anyOf(ref("scalar"), .object([("type", "object"), ("additionalProperties", ref("scalar"))])))),
        ("source", described("SOURCE-ID or SOURCE-ID:LOCATOR, e.g. article:L85", .object([("type", "string")]))),
        ("confidence", .object([("enum", .array(Confidence.allCases.map { .string($0.rawValue) }))])),
        ("flag", .object([("enum", .array([true, false, "true", "false", "yes", "no", "True", "False", "Yes", "No", "TRUE", "FALSE"]))])),
        ("attributes", .object([("type", "object"), ("additionalProperties", ref("scalar"))])),
        ("sources", .object([("type", "object"), ("additionalProperties", anyOf(ref("scalar"), object(OrgJSONReader.sourceKeys) { _ in ref("scalar") }))])),
    ]

    /// The provenance keys, as every element has them.
    private static func provenance(_ key: String) -> JSONValue? {
        switch key {
        case "source": ref("source")
        case "confidence": ref("confidence")
        case "note": ref("scalar")
        default: nil
        }
    }

    // MARK: The org file

    /// The type of a key of an element of the org file.
    private static func orgKey(_ key: String) -> JSONValue? {
        switch key {
        case "id", "parent", "primary": ref("id")
        case "unit": ref("id")
        case "name", "title": ref("text")
        case "kind": ref("scalar")
        case "head": nil
        case "staff": ref("flag")
        case "holders": oneOrMany(ref("id"))
        case "reportsTo", "dotted": oneOrMany(ref("line"))
        case "aliases": oneOrMany(ref("scalar"))
        case "status": .object([("enum", .array(PersonStatus.allCases.map { .string($0.rawValue) }))])
        case "attributes": ref("attributes")
        default: provenance(key)
        }
    }

    private static let elementDefinitions: [(String, JSONValue)] = [
        ("line", anyOf(ref("id"), object(OrgJSONReader.lineKeys, required: ["to"], lineKey))),
        ("unit", object(OrgJSONReader.unitKeys, required: ["id"]) { key in
            key == "head" ? described("the unit's head post: its holders, or the keys of a post", anyOf(oneOrMany(ref("id")), ref("head"))) : orgKey(key)
        }),
        ("head", object(OrgJSONReader.headKeys) { key in key == "id" ? ref("id") : orgKey(key) }),
        ("post", object(OrgJSONReader.postKeys, required: ["id"]) { key in key == "head" ? ref("flag") : orgKey(key) }),
        ("person", object(OrgJSONReader.personKeys, required: ["id"]) { orgKey($0) }),
    ]

    private static func lineKey(_ key: String) -> JSONValue? {
        key == "to" ? ref("id") : provenance(key)
    }

    /// A schema document: a file of exactly `keys`, each typed by `type(key)`.
    private static func document(title: String, description: String, keys: [String], required: [String] = [],
                                 definitions: [(String, JSONValue)], _ type: (String) -> JSONValue?) -> JSONValue {
        guard case .object(let file) = object(keys, required: required, type) else { preconditionFailure() }
        return .object([("$schema", "https://json-schema.org/draft/2020-12/schema"), ("title", .string(title)), ("description", .string(description))]
            + file + [("$defs", .object(common + definitions))])
    }

    private static let org = document(
        title: "OrgGraph org file",
        description: "One version of an organisation: units, posts, people and the lines between them. Checked in full by `orggraph validate`.",
        keys: OrgJSONReader.topKeys, definitions: elementDefinitions) { key in
            switch key {
            case "asOf": ref("date")
            case "title": ref("scalar")
            case "lang": .object([("type", "string")])
            case "sources": ref("sources")
            case "units": .object([("type", "array"), ("items", ref("unit"))])
            case "posts": .object([("type", "array"), ("items", ref("post"))])
            case "people": .object([("type", "array"), ("items", ref("person"))])
            default: nil
            }
        }

    // MARK: The changeset

    private static let changeset: JSONValue = {
        let ops = ChangesetParser.opKeys.keys.sorted()
        // Each op takes the common keys and its own; its values are checked by `validate`.
        let rules: [JSONValue] = ops.map { op in
            let keys = ChangesetParser.commonKeys + ChangesetParser.opKeys[op]!
            return .object([
                ("if", .object([("properties", .object([("op", .object([("const", .string(op))]))]))])),
                ("then", .object([("propertyNames", .object([("enum", .array(keys.map { .string($0) }))]))])),
            ])
        }
        let change: JSONValue = .object([
            ("type", "object"),
            ("properties", .object(ChangesetParser.commonKeys.map { key in
                let schema: JSONValue = switch key {
                case "op": .object([("enum", .array(ops.map { .string($0) }))])
                case "reason": ref("scalar")
                case "similarity": .object([("type", "number"), ("minimum", 0), ("maximum", 1)])
                default: provenance(key) ?? { preconditionFailure("the schema has no type for the key '\(key)'") }()
                }
                return (key, schema)
            })),
            ("required", ["op"]),
            ("allOf", .array(rules)),
        ])
        return document(
            title: "OrgGraph changeset",
            description: "Typed changes that turn one version of an org into the next. Checked in full by `orggraph validate` and `orggraph apply`.",
            keys: ChangesetParser.topKeys, required: ["changes"], definitions: [("change", change)]) { key in
                switch key {
                case "effective", "announced", "previous": ref("date")
                case "title": ref("scalar")
                case "sources", "addSources", "removeSources": ref("sources")
                case "changes": .object([("type", "array"), ("items", ref("change"))])
                default: provenance(key)
                }
            }
    }()
}
