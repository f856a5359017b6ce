import Foundation

/// Reads the CSV fixtures in `Fixtures/` (see the README there for their sources and `make-references.R` for how R's
/// reference figures were made). The files are plain comma-separated with a header row and no quoting.
enum StatisticsFixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct Table {
        var header: [String]
        var rows: [[String]]

        func column(_ name: String) -> [String] {
            guard let j = header.firstIndex(of: name) else { fatalError("no column \(name)") }
            return rows.map { $0[j] }
        }

        func numbers(_ name: String) -> [Double] {
            column(name).map { guard let x = Double($0) else { fatalError("not a number in \(name): \($0)") }; return x }
        }

        /// A two-column (term, value) reference file as a dictionary.
        func values(key: String = "term", value: String = "value") -> [String: Double] {
            Dictionary(uniqueKeysWithValues: zip(column(key), numbers(value)))
        }
    }

    static func load(_ file: String) throws -> Table {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let split: (String) -> [String] = { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
        return Table(header: split(lines[0]), rows: lines.dropFirst().map(split))
    }
}

/// |a − b| within a relative tolerance (absolute near zero).
func close(_ a: Double, _ b: Double, relative: Double = 1e-6) -> Bool {
    abs(a - b) <= relative * max(abs(b), 1e-3)
}

/// Rounds to `digits` significant digits (for comparing with a published, rounded figure).
func significant(_ x: Double, _ digits: Int) -> Double {
    guard x != 0 else { return 0 }
    let scale = pow(10, Double(digits) - ceil(log10(abs(x))))
    return (x * scale).rounded() / scale
}
