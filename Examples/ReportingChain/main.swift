// Answers questions about an org through the OrgGraph library: a person's reporting chain and
// direct reports, and, given a second person, their first common manager.
//
//   swift run reporting-chain Graphs/kuaishou@2025-09-29 xiao-gu
//   swift run reporting-chain Graphs/kuaishou liu-xiao jin-bing
import Foundation
import OrgGraph

let arguments = Array(CommandLine.arguments.dropFirst())
guard (2...3).contains(arguments.count) else {
    FileHandle.standardError.write(Data("usage: reporting-chain ORG[@YYYY-MM-DD] PERSON [OTHER-PERSON]\n".utf8))
    exit(64)
}

func person(_ name: String, in org: Org) -> PersonID {
    guard case .found(.person(let id)) = org.lookup(name) else {
        FileHandle.standardError.write(Data("error: no single person '\(name)'\n".utf8))
        exit(1)
    }
    return id
}

do {
    let org = try OrgReference(parsing: arguments[0]).load().org
    let index = OrgIndex(org)
    func name(_ id: PersonID?) -> String { id.flatMap { org.people[$0]?.name.display(.en) } ?? "(vacant)" }
    let who = person(arguments[1], in: org)
    for step in index.reportingChain(of: who) ?? [] {
        let how = step.link.map { " via an \($0.rawValue) line" } ?? ""
        print("\(name(step.person)) in '\(step.post)'\(how)")
    }
    print("direct reports: " + org.directReports(of: who).map { name(org.posts[$0.post]?.holders.first) }.joined(separator: ", "))
    if arguments.count == 3, let common = org.firstCommonManager(of: who, and: person(arguments[2], in: org)) {
        print("first common manager: \(name(common.firstChain.last?.person))")
    }
} catch {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(1)
}
