import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Mustache
import SamsynDomain
import SamsynStorage

/// The Mustache templates, loaded once at start; a missing template stops the start.
public struct Templates: Sendable {
    let library: MustacheLibrary
    static let required = [
        "layout", "login", "home", "person-search", "person-new", "person-show", "message", "accessibility", "access-log", "admin-organisation",
        "assessment-area", "interventions", "queue", "queue-new", "assessment-part", "assessment-overview", "unit-times", "body-page",
    ]

    public static func load() async throws -> Templates {
        guard let dir = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("Templates") else {
            throw TemplateError.missing("Resources/Templates")
        }
        let library = try await MustacheLibrary(directory: dir.path, withExtension: "mustache")
        for name in required where library.getTemplate(named: name) == nil {
            throw TemplateError.missing(name)
        }
        return Templates(library: library)
    }

    func render(_ model: Any, _ name: String) throws -> String {
        guard let html = library.render(model, withTemplate: name) else { throw TemplateError.missing(name) }
        return html
    }

    public static func stylesheet() throws -> String { try publicFile("samsyn.css") }

    public static func publicFile(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("Public/\(name)") else {
            throw TemplateError.missing(name)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}

enum TemplateError: Error, CustomStringConvertible {
    case missing(String)
    var description: String {
        switch self {
        case .missing(let n): "template or resource missing: \(n)"
        }
    }
}
