// Prints the reporting chain of a person in an org, through the OrgGraph library.
//
//   swift run reporting-chain Graphs/kuaishou@2025-09-29 xiao-gu
import Foundation
import OrgGraph

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 2, let orgArgument = arguments.first, let who = arguments.last else {
    FileHandle.standardError.write(Data("usage: reporting-chain ORG[@YYYY-MM-DD] PERSON\n".utf8))
    exit(64)
}

do {
    let loaded = try OrgReference(parsing: orgArgument).load()
    let org = loaded.org
    guard case .found(.person(let person)) = org.lookup(who) else {
        FileHandle.standardError.write(Data("error: no single person '\(who)'\n".utf8))
        exit(1)
    }
    let index = OrgIndex(org)
    for step in index.reportingChain(of: person) ?? [] {
        let name = step.person.flatMap { org.people[$0]?.name.display(.en) } ?? "(vacant)"
        let how = step.link.map { " via an \($0.rawValue) line" } ?? ""
        print("\(name) in '\(step.post)'\(how)")
    }
} catch {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(1)
}
