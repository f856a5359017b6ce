import Foundation

/// A table of figures to export, written as CSV or as an XLSX workbook that opens in Excel and LibreOffice.
/// The exports carry exactly what a page shows: the caller passes the cells as published (a suppressed count is the
/// text "<5" or "–", never a number).
public struct Spreadsheet: Sendable, Equatable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case integer(Int)
        /// A share or a median; `decimals` is how many the sheet shows.
        case number(Double, decimals: Int)
        case empty
    }

    public struct Sheet: Sendable, Equatable {
        public let name: String
        /// The first row is the header (bold in XLSX).
        public let rows: [[Cell]]

        public init(name: String, rows: [[Cell]]) {
            self.name = name
            self.rows = rows
        }
    }

    public enum Fault: Error, Equatable {
        /// Excel's rules: 1–31 characters, none of \ / * ? [ ] :, unique in the workbook.
        case sheetName(String)
        case noSheets
    }

    public let sheets: [Sheet]

    public init(sheets: [Sheet]) throws(Fault) {
        guard !sheets.isEmpty else { throw .noSheets }
        var seen = Set<String>()
        for s in sheets {
            let bad = s.name.contains { "\\/*?[]:".contains($0) }
            guard (1...31).contains(s.name.count), !bad, seen.insert(s.name.lowercased()).inserted else { throw .sheetName(s.name) }
        }
        self.sheets = sheets
    }

    // MARK: Neutralising formulas

    /// A text cell that a spreadsheet would read as a formula (it starts with = + - @, a tab or a carriage return)
    /// gets a leading apostrophe, so it is shown as text and never run (CSV injection, OWASP).
    public static func neutralised(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
        return "'" + s
    }

    // MARK: CSV

    /// CSV for Excel with Swedish settings: UTF-8 with a byte-order mark, semicolons between fields, decimal commas,
    /// CRLF line ends, every text field quoted. One sheet per file.
    public static func csv(_ sheet: Sheet) -> String {
        var out = "\u{FEFF}"
        for row in sheet.rows {
            out += row.map { cell -> String in
                switch cell {
                case .text(let s): "\"" + neutralised(s).replacingOccurrences(of: "\"", with: "\"\"") + "\""
                case .integer(let i): String(i)
                case .number(let d, let decimals): formatted(d, decimals: decimals).replacingOccurrences(of: ".", with: ",")
                case .empty: ""
                }
            }.joined(separator: ";")
            out += "\r\n"
        }
        return out
    }

    static func formatted(_ d: Double, decimals: Int) -> String {
        guard d.isFinite else { return "" }
        return String(format: "%.\(max(0, min(decimals, 10)))f", d)
    }

    // MARK: XLSX

    /// The workbook as an Office Open XML package (ECMA-376): a ZIP of the parts, written without compression.
    /// `modified` is written in the package's properties and as every entry's date (so equal input gives equal bytes).
    public func xlsx(title: String, modified: Date) -> [UInt8] {
        var zip = ZipWriter(modified: modified)
        let n = sheets.count
        zip.add("[Content_Types].xml", Self.xml(
            """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            \((1...n).map { "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
            <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
            </Types>
            """))
        zip.add("_rels/.rels", Self.xml(
            """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
            <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
            </Relationships>
            """))
        let stamp = ISO8601DateFormatter().string(from: modified)
        zip.add("docProps/core.xml", Self.xml(
            """
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
            <dc:title>\(Self.escaped(title))</dc:title><dc:creator>Samsyn</dc:creator>\
            <dcterms:created xsi:type="dcterms:W3CDTF">\(stamp)</dcterms:created>\
            <dcterms:modified xsi:type="dcterms:W3CDTF">\(stamp)</dcterms:modified>\
            </cp:coreProperties>
            """))
        zip.add("docProps/app.xml", Self.xml(
            """
            <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Samsyn</Application></Properties>
            """))
        zip.add("xl/workbook.xml", Self.xml(
            """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
            \(sheets.enumerated().map { "<sheet name=\"\(Self.escaped($1.name))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined())\
            </sheets></workbook>
            """))
        zip.add("xl/_rels/workbook.xml.rels", Self.xml(
            """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            \((1...n).map { "<Relationship Id=\"rId\($0)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0).xml\"/>" }.joined())\
            <Relationship Id="rId\(n + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            </Relationships>
            """))
        // Styles: 0 normal, 1 bold (the header), 2 integer, 3 one decimal, 4 two decimals.
        zip.add("xl/styles.xml", Self.xml(
            """
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts>\
            <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
            <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
            <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
            <xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
            <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
            <xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
            <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
            </styleSheet>
            """))
        for (i, sheet) in sheets.enumerated() { zip.add("xl/worksheets/sheet\(i + 1).xml", Self.worksheet(sheet)) }
        return zip.finish()
    }

    static func worksheet(_ sheet: Sheet) -> [UInt8] {
        var body = ""
        for (r, row) in sheet.rows.enumerated() {
            body += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let ref = columnName(c) + String(r + 1)
                let header = r == 0
                switch cell {
                case .text(let s):
                    body += "<c r=\"\(ref)\" t=\"inlineStr\"\(header ? " s=\"1\"" : "")><is><t xml:space=\"preserve\">\(escaped(neutralised(s)))</t></is></c>"
                case .integer(let v):
                    body += "<c r=\"\(ref)\" s=\"\(header ? 1 : 2)\"><v>\(v)</v></c>"
                case .number(let d, let decimals):
                    guard d.isFinite else { continue }
                    body += "<c r=\"\(ref)\" s=\"\(header ? 1 : (decimals <= 1 ? 3 : 4))\"><v>\(d)</v></c>"
                case .empty:
                    continue
                }
            }
            body += "</row>"
        }
        return xml("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\(body)</sheetData></worksheet>")
    }

    /// A, B, …, Z, AA, AB, …
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    static func xml(_ body: String) -> [UInt8] {
        Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + body).utf8)
    }

    /// XML text: the five entities escaped, and the control characters XML 1.0 does not allow removed.
    static func escaped(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(ch)
            default:
                if ch.value < 0x20 || (0xFFFE...0xFFFF).contains(ch.value) { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

/// A ZIP archive written without compression (method 0, "stored"), enough for an Office package.
struct ZipWriter {
    private var data: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0
    private let dosTime: UInt16
    private let dosDate: UInt16

    init(modified: Date) {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "Europe/Stockholm") ?? .gmt
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: modified)
        let year = min(max((c.year ?? 1980) - 1980, 0), 127)
        dosDate = UInt16(year << 9 | (c.month ?? 1) << 5 | (c.day ?? 1))
        dosTime = UInt16((c.hour ?? 0) << 11 | (c.minute ?? 0) << 5 | (c.second ?? 0) / 2)
    }

    mutating func add(_ name: String, _ content: [UInt8]) {
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(content)
        let offset = UInt32(data.count)
        // Local file header.
        data += le32(0x0403_4b50) + le16(20) + le16(0x0800) + le16(0) + le16(dosTime) + le16(dosDate)
        data += le32(crc) + le32(UInt32(content.count)) + le32(UInt32(content.count)) + le16(UInt16(nameBytes.count)) + le16(0)
        data += nameBytes + content
        // Central directory entry.
        central += le32(0x0201_4b50) + le16(20) + le16(20) + le16(0x0800) + le16(0) + le16(dosTime) + le16(dosDate)
        central += le32(crc) + le32(UInt32(content.count)) + le32(UInt32(content.count)) + le16(UInt16(nameBytes.count))
        central += le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + nameBytes
        count += 1
    }

    func finish() -> [UInt8] {
        let end = le32(0x0605_4b50) + le16(0) + le16(0) + le16(UInt16(count)) + le16(UInt16(count)) + le32(UInt32(central.count))
            + le32(UInt32(data.count)) + le16(0)
        return data + central + end
    }

    private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8)] }
    private func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xff), UInt8((v >> 8) & 0xff), UInt8((v >> 16) & 0xff), UInt8(v >> 24)] }
}

/// CRC-32 (IEEE 802.3, as ZIP uses it).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xff)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
