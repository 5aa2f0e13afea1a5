import Testing

@testable import OrgGraph

@Suite struct ImpliedLineTests {
    static let org = """
        units:
          - {id: co, name: Co, head: ceo}
          - {id: bu, name: BU, parent: co, head: vp}
          - {id: team, name: Team, parent: bu}
          - {id: squad, name: Squad, parent: team, head: lead}
        posts:
          - {id: analyst, title: Analyst, unit: bu, holders: ana}
          - {id: dev, title: Developer, unit: team, holders: dev-person}
          - {id: coach, title: Coach, unit: squad, holders: cole, reportsTo: ceo}
          - {id: helper, title: Helper, unit: squad}
        people:
          - {id: ceo, name: Ceo}
          - {id: vp, name: Vp}
          - {id: lead, name: Lead}
          - {id: ana, name: Ana}
          - {id: dev-person, name: Dev}
          - {id: cole, name: Cole}
        """

    @Test func postsReportToTheirUnitHead() throws {
        let index = OrgIndex(try parseOrg(Self.org).org)
        #expect(index.superior(of: "analyst")! == ("head.bu", .implied))
    }

    @Test func headsReportToTheParentUnitHead() throws {
        let index = OrgIndex(try parseOrg(Self.org).org)
        #expect(index.superior(of: "head.bu")! == ("head.co", .implied))
        // The team has no head: the squad's head reports past it to the business unit's.
        #expect(index.superior(of: "head.squad")! == ("head.bu", .implied))
        #expect(index.superior(of: "dev")! == ("head.bu", .implied))
        #expect(index.superior(of: "head.co") == nil)
    }

    @Test func writtenLinesWinAndAreMarkedExplicit() throws {
        let index = OrgIndex(try parseOrg(Self.org).org)
        #expect(index.superior(of: "coach")! == ("head.co", .explicit))
    }

    @Test func chainsRecordHowEachStepWasReached() throws {
        let index = OrgIndex(try parseOrg(Self.org).org)
        #expect(index.reportingChain(of: "cole") == [
            ChainStep(post: "coach", person: "cole", link: nil),
            ChainStep(post: "head.co", person: "ceo", link: .explicit),
        ])
        #expect(index.reportingChain(of: "lead") == [
            ChainStep(post: "head.squad", person: "lead", link: nil),
            ChainStep(post: "head.bu", person: "vp", link: .implied),
            ChainStep(post: "head.co", person: "ceo", link: .implied),
        ])
        // A vacant post still stands in the chain, with nobody in it.
        #expect(index.reportingChain(from: "helper") == [
            ChainStep(post: "helper", person: nil, link: nil),
            ChainStep(post: "head.squad", person: "lead", link: .implied),
            ChainStep(post: "head.bu", person: "vp", link: .implied),
            ChainStep(post: "head.co", person: "ceo", link: .implied),
        ])
    }
}
