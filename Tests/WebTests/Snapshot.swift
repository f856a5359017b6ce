import Foundation
import Testing

/// Whole-page snapshots: the rendered HTML of a view from a `.mock` model, compared with the file kept in
/// `__Snapshots__/`. A missing file is written and the test fails, so a new snapshot is looked at before it
/// is committed; `SAMSYN_RECORD_SNAPSHOTS=1` rewrites them all after an intended change of markup.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")

    static func check(_ html: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = directory.appendingPathComponent("\(name).html")
        let record = ProcessInfo.processInfo.environment["SAMSYN_RECORD_SNAPSHOTS"] == "1"
        guard !record, let stored = try? String(contentsOf: file, encoding: .utf8) else {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try html.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("snapshot \(name) was recorded; look at it and run the test again", sourceLocation: sourceLocation)
            return
        }
        if stored != html {
            let a = stored.split(separator: "\n", omittingEmptySubsequences: false)
            let b = html.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            let was = first < a.count ? String(a[first]) : "(end)"
            let now = first < b.count ? String(b[first]) : "(end)"
            Issue.record("snapshot \(name) differs at line \(first + 1):\n  was: \(was)\n  now: \(now)", sourceLocation: sourceLocation)
        }
    }
}
