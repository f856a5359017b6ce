import Foundation

/// The OpenAPI document this module's types and server stubs are generated from,
/// served as-is at `/api/openapi.json` so clients read the same contract the server compiles.
public enum OpenAPIDocument {
    public static func json() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try Data(contentsOf: url)
    }
}
