import Foundation
import SamsynAPI
import SamsynDomain
import Testing

@testable import SamsynWeb

/// The journal's pages rendered in the frame from their mock models, without a database.
@Suite("Journal view snapshots")
struct JournalViewSnapshotTests {
    func page(_ title: String, _ nodes: [Node]) -> String {
        PageFrame.render(.mock(title: title, current: nil), main: nodes)
    }

    @Test("The journal: notes with a draft, a correction and a corrected note; refused; the other committee's view under consent")
    func journal() throws {
        try Snapshot.check(page("Journal", JournalPage.view(.mock)), "journal")
        try Snapshot.check(page("Fel – Journal", JournalPage.view(.mockRefused)), "journal-refused")
        try Snapshot.check(page("Journal", JournalPage.view(.mockShared)), "journal-shared")
    }

    @Test("One note: the draft's form, the correction form, a signed note whose change was refused; the print")
    func note() throws {
        try Snapshot.check(page("Telefon 2026-12-01", JournalNotePage.view(.mockDraft)), "journal-note-draft")
        try Snapshot.check(page("Rättelse av anteckning 2026-11-30", JournalNotePage.view(.mockCorrection)), "journal-note-correction")
        try Snapshot.check(page("Fel – Telefon 2026-12-01", JournalNotePage.view(.mockSignedRefused)), "journal-note-signed-refused")
        try Snapshot.check(page("Journal – utskrift", JournalPrintPage.view(.mock)), "journal-print")
    }
}

@Suite("Journal API enum mapping")
struct JournalAPIEnumTests {
    @Test("JournalNote.Kind → JournalNote.KindPayload, the same wire names, all of them")
    func kinds() {
        #expect(JournalNote.Kind.allCases.filter { APIHandler.e($0).rawValue != $0.rawValue } == [])
        #expect(JournalNote.Kind.allCases.count == Components.Schemas.JournalNote.KindPayload.allCases.count)
    }
}
