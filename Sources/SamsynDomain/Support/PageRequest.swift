import Foundation

/// Which part of a long list to read: a page number and a page size, checked once so that no page number
/// or count from a request can make an offset overflow or a list be cut at a negative length. The API
/// gives a bad value back as a field error; the pages do the same.
public struct PageRequest: Equatable, Sendable {
    /// 1-based.
    public let page: Int
    public let size: Int

    /// No list is that long; a larger page number is a mistake, not a request for an empty page.
    public static let maxPage = 100_000

    static let pageMessage = "Sidnumret ska vara ett heltal från 1 till 100 000."

    /// Rows to skip. Never overflows: page ≤ `maxPage` and size ≤ the list's own maximum.
    public var offset: Int { (page - 1) * size }

    /// `page` and `size` as given (nil: the first page, the list's default size); out of range is refused.
    public init(
        page: Int?, size: Int? = nil, defaultSize: Int, maxSize: Int, pageField: String = "page", sizeField: String = "pageSize"
    ) throws(DomainError) {
        var errors: [FieldError] = []
        let p = page ?? 1
        if !(1...Self.maxPage).contains(p) {
            errors.append(FieldError(field: pageField, message: Self.pageMessage))
        }
        let s = size ?? defaultSize
        if !(1...max(1, maxSize)).contains(s) {
            errors.append(FieldError(field: sizeField, message: "Antalet per sida ska vara ett heltal från 1 till \(maxSize)."))
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        self.page = p
        self.size = s
    }

    /// A page number from a query string (`?page=`): absent or empty is the first page; anything else must be
    /// a whole number in range.
    public init(pageText: String?, size: Int, field: String = "page") throws(DomainError) {
        let text = pageText?.trimmingCharacters(in: .whitespaces) ?? ""
        guard text.isEmpty || (text.count <= 9 && Int(text) != nil) else {
            throw DomainError.invalid([FieldError(field: field, message: Self.pageMessage)])
        }
        try self.init(page: text.isEmpty ? nil : Int(text), size: size, defaultSize: size, maxSize: size, pageField: field)
    }

    /// How many of a list to return (`?limit=`): nil gives `defaultLimit`; otherwise 1…`maxLimit`.
    public static func limit(_ value: Int?, default defaultLimit: Int, max maxLimit: Int, field: String = "limit") throws(DomainError) -> Int {
        let n = value ?? defaultLimit
        guard (1...max(1, maxLimit)).contains(n) else {
            throw DomainError.invalid([FieldError(field: field, message: "Antalet ska vara ett heltal från 1 till \(maxLimit).")])
        }
        return n
    }
}
