import Foundation
import Testing

@testable import OrgGraph

@Suite struct WriterTests {
    @Test func kuaishouRoundTripsThroughTheWriter() throws {
        let timeline = try Timeline(folder: Paths.kuaishou)
        for snapshot in timeline.snapshots {
            let org = try timeline.load(on: snapshot.day).org
            let text = OrgFile.yaml(org)
            let back = try parseOrg(text, file: "written.yaml").org
            #expect(back == org, "\(snapshot.path) changed on the way through:\n\(text)")
        }
    }

    @Test(arguments: [
        "plain", "with: colon", "#hash", "trailing:", "a, b", "[x]", "{y}", "- dash", "null", "~", "",
        "quote \"inside\"", "line\nbreak", "tab\there", " lead", "trail ", "生活服务事业部", "x\", image=\"/etc/hostname",
        "<B>bold</B>", "back\\slash", "'single'", "@at", "%percent", "`tick`", "!bang", "&amp", "*star", "?q", "|pipe", ">gt",
    ])
    func anyTextSurvivesTheWriter(_ text: String) throws {
        let org = Org(units: ["u": Unit(id: "u", name: LocalizedText(["en": text.isEmpty ? "x" : text]), kind: text.isEmpty ? nil : text)])
        let written = OrgFile.yaml(org)
        let back = try parseOrg(written, file: "written.yaml").org
        #expect(back == org, "\(written)")
    }
}
