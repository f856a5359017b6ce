import Crypto
import Foundation

/// A project's pseudonyms: HMAC-SHA-256 over the person's id with the project's own key, the first 64 bits written
/// as 16 letters a–p (one per four bits, hexadecimal with letters for digits, so a pseudonym never looks like a
/// personnummer or a date). The same person gets the same pseudonym in every extract of a project and an unrelated one in
/// every other project; without the key (which Samsyn keeps and never releases) nothing links back to the person.
public struct ResearchPseudonymiser: Sendable {
    public static let keyBytes = 32
    /// Hex characters kept of the 64 of the MAC: 64 bits, so a collision among 100,000 persons is about 3 in 10^10.
    public static let length = 16
    private let key: SymmetricKey

    /// `key` must be the project's 32 random bytes.
    public init?(key: [UInt8]) {
        guard key.count == Self.keyBytes else { return nil }
        self.key = SymmetricKey(data: key)
    }

    /// A new project key: 32 bytes from the system's cryptographic random source.
    public static func newKey() -> [UInt8] {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    public func pseudonym(_ personId: UUID) -> String {
        var id = personId.uuid
        let mac = withUnsafeBytes(of: &id) { HMAC<SHA256>.authenticationCode(for: $0, using: key) }
        var out: [UInt8] = []
        out.reserveCapacity(Self.length)
        for b in mac.prefix(Self.length / 2) {
            out.append(0x61 + (b >> 4))
            out.append(0x61 + (b & 0x0F))
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// SHA-256 of a file's bytes, in lower-case hexadecimal (the manifest's checksums).
public enum FileChecksum {
    public static func sha256(_ bytes: [UInt8]) -> String { Hex.encode(SHA256.hash(data: bytes)) }
}
