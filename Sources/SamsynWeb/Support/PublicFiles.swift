import Foundation

/// The stylesheet and the small script, shipped as resources and served from memory.
enum PublicFiles {
    static func text(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("Public/\(name)") else {
            throw ResourceMissing(name: name)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    struct ResourceMissing: Error, CustomStringConvertible {
        let name: String
        var description: String { "resource missing: Public/\(name)" }
    }
}
