import Testing

@testable import OrgGraph

@Suite struct ParsingTests {
    static let small = """
        asOf: 2024-01-15
        title: Acme
        sources:
          memo: {title: Internal memo, published: 2024-01}
        units:
          - id: acme
            name: {zh: 阿克米, en: Acme}
            kind: company
            head:
              holders: ceo-person
              title: {en: CEO}
              source: memo:L3
          - id: eng
            name: Engineering
            kind: department
            parent: acme
            head: cto-person
          - id: design
            name: Design
            parent: acme
        posts:
          - id: staff-eng
            title: Staff engineer
            unit: eng
            holders: [ann, bob]
            dotted: {to: ceo-person, source: memo:L9, confidence: inferred, note: the memo implies it}
          - id: open-role
            title: Designer
            unit: design
        people:
          - id: ceo-person
            name: {zh: 陈总, en: Chen Zong}
            aliases: [The Boss]
          - id: cto-person
            name: Tara Oh
          - id: ann
            name: Ann
          - id: bob
            name: Bob
          - id: cy
            name: Cy
            title: Intern
            reportsTo: ann
        """

    @Test func readsUnitsPostsPeopleAndProvenance() throws {
        let org = try parseOrg(Self.small).org
        #expect(org.asOf == Day("2024-01-15"))
        #expect(org.title == "Acme")
        #expect(org.sources.keys.map(\.rawValue) == ["memo"])
        #expect(org.units.keys.map(\.rawValue) == ["acme", "eng", "design"])
        #expect(org.units["acme"]?.name == LocalizedText(zh: "阿克米", en: "Acme"))
        #expect(org.units["eng"]?.name == LocalizedText(["en": "Engineering"]))
        #expect(org.units["eng"]?.parent == "acme")
        #expect(org.people["ceo-person"]?.aliases == ["The Boss"])
        let staff = try #require(org.posts["staff-eng"])
        #expect(staff.holders == ["ann", "bob"])
        #expect(staff.dotted == [ReportingLine(
            to: "head.acme",
            provenance: Provenance(source: SourceReference(source: "memo", locator: "L9"), confidence: .inferred, note: "the memo implies it"))])
        #expect(org.posts["open-role"]?.isVacant == true)
    }

    @Test func expandsShorthandsToPosts() throws {
        let org = try parseOrg(Self.small).org
        // Explicit posts first, then unit heads, then people's own posts.
        #expect(org.posts.keys.map(\.rawValue) == ["staff-eng", "open-role", "head.acme", "head.eng", "post.cy"])
        let head = try #require(org.posts["head.acme"])
        #expect(head.isHead)
        #expect(head.unit == "acme")
        #expect(head.holders == ["ceo-person"])
        #expect(head.title == LocalizedText(["en": "CEO"]))
        #expect(head.provenance.source == SourceReference(source: "memo", locator: "L3"))
        #expect(org.posts["head.eng"]?.holders == ["cto-person"])
        // `reportsTo: ann` points at Ann's primary post, and Cy works in Ann's unit.
        let cy = try #require(org.posts["post.cy"])
        #expect(cy.reportsTo?.to == "staff-eng")
        #expect(cy.unit == "eng")
        #expect(cy.title == LocalizedText(["en": "Intern"]))
    }

    @Test func primaryPostIsFirstHeldUnlessDeclared() throws {
        let text = """
            units:
              - {id: co, name: Co, head: {holders: wang}}
              - {id: bu, name: BU, parent: co, head: wang}
            posts:
              - {id: svp, title: SVP, unit: co, holders: wang}
            people:
              - {id: wang, name: Wang}
              - {id: liu, name: Liu, unit: bu, reportsTo: wang}
            """
        let loaded = try parseOrg(text)
        let index = OrgIndex(loaded.org)
        #expect(index.posts["wang"] == ["svp", "head.co", "head.bu"])
        #expect(index.primaryPost(of: "wang") == "svp")
        #expect(loaded.org.posts["post.liu"]?.reportsTo?.to == "svp")

        let declared = try parseOrg(text.replacingOccurrences(of: "{id: wang, name: Wang}", with: "{id: wang, name: Wang, primary: head.bu}"))
        #expect(OrgIndex(declared.org).primaryPost(of: "wang") == "head.bu")
        #expect(declared.org.posts["post.liu"]?.reportsTo?.to == "head.bu")
    }

    @Test func jsonWithTheSameSchemaReadsTheSame() throws {
        let yaml = """
            units:
              - id: co
                name: {zh: 公司, en: Company}
                head: boss
            people:
              - id: boss
                name: Boss
              - id: worker
                name: Worker
                unit: co
            """
        let json = """
            {"units": [{"id": "co", "name": {"zh": "公司", "en": "Company"}, "head": "boss"}],
             "people": [{"id": "boss", "name": "Boss"}, {"id": "worker", "name": "Worker", "unit": "co"}]}
            """
        #expect(try parseOrg(yaml).org == parseOrg(json, file: "test.json").org)
    }

    @Test func plainNamesUseTheFileLanguage() throws {
        let org = try parseOrg("lang: zh\nunits:\n  - {id: co, name: 公司}\n").org
        #expect(org.units["co"]?.name == LocalizedText(["zh": "公司"]))
    }

    @Test func locationsPointAtFields() throws {
        let loaded = try parseOrg(Self.small)
        #expect(loaded.sourceMap.location(of: "cy") == OrgGraph.SourceLocation(file: "test.yaml", line: 40, column: 5))
        #expect(loaded.sourceMap.location(of: "post.cy", field: "reportsTo") == OrgGraph.SourceLocation(file: "test.yaml", line: 43, column: 16))
        #expect(loaded.sourceMap.location(of: "eng", field: "parent") == OrgGraph.SourceLocation(file: "test.yaml", line: 16, column: 13))
    }

    @Test func datesAreRealCalendarDays() {
        #expect(Day("2024-02-29") != nil)
        #expect(Day("2023-02-29") == nil)
        #expect(Day("2025-13-01") == nil)
        #expect(Day("2025-9-30") == nil)
        #expect(Day("2025-09-30")?.description == "2025-09-30")
    }
}
