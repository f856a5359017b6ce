import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@testable import SamsynWeb

/// Reads a ZIP archive's central directory and entries back, checking each entry's CRC-32 against its bytes.
private func unzip(_ bytes: [UInt8]) throws -> [String: [UInt8]] {
    func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
    func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
    let end = bytes.count - 22
    #expect(u32(end) == 0x0605_4b50)
    let entries = u16(end + 10)
    var p = u32(end + 16)
    var out: [String: [UInt8]] = [:]
    for _ in 0..<entries {
        #expect(u32(p) == 0x0201_4b50)
        let crc = UInt32(u32(p + 16)), size = u32(p + 24), nameLength = u16(p + 28), extra = u16(p + 30), comment = u16(p + 32)
        let local = u32(p + 42)
        let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
        #expect(u32(local) == 0x0403_4b50)
        let start = local + 30 + u16(local + 26) + u16(local + 28)
        let content = Array(bytes[start..<(start + size)])
        #expect(CRC32.checksum(content) == crc, "CRC of \(name)")
        out[name] = content
        p += 46 + nameLength + extra + comment
    }
    return out
}

private final class WellFormed: NSObject, XMLParserDelegate {
    var texts: [String] = []
    var current = ""
    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if elementName == "t" || elementName == "v" { texts.append(current) }
        current = ""
    }
    static func parse(_ bytes: [UInt8]) -> (ok: Bool, texts: [String]) {
        let d = WellFormed()
        let p = XMLParser(data: Data(bytes))
        p.delegate = d
        return (p.parse(), d.texts)
    }
}

@Suite("Exports: CSV and XLSX")
struct SpreadsheetTests {
    let sheet = Spreadsheet.Sheet(
        name: "Avslut till arbete",
        rows: [
            [.text("Stadsdel"), .text("Antal"), .text("Andel")],
            [.text("Spånga-Tensta"), .integer(42), .number(0.5678, decimals: 1)],
            [.text("=HYPERLINK(\"http://x\")"), .text("<5"), .text("–")],
            [.text("Kista \"norr\" & <b>"), .integer(-3), .empty],
        ])

    @Test("CRC-32 is the IEEE polynomial's (the check value of \"123456789\")")
    func crc() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    @Test("A text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers")
    func neutralising() {
        for s in ["=1+1", "+46701234567", "-5", "@SUM(A1)", "\tx", "\rx"] { #expect(Spreadsheet.neutralised(s) == "'" + s) }
        for s in ["Kista", "5", "<5", "–", ""] { #expect(Spreadsheet.neutralised(s) == s) }
    }

    @Test("CSV for Swedish Excel: BOM, semicolons, decimal comma, quoted text with doubled quotes, CRLF")
    func csv() {
        let out = Spreadsheet.csv(sheet)
        #expect(out.hasPrefix("\u{FEFF}\"Stadsdel\";\"Antal\";\"Andel\"\r\n"))
        #expect(out.contains("\"Spånga-Tensta\";42;0,6\r\n"))
        #expect(out.contains("\"'=HYPERLINK(\"\"http://x\"\")\";\"<5\";\"–\"\r\n"))
        #expect(out.hasSuffix("\"Kista \"\"norr\"\" & <b>\";-3;\r\n"))
    }

    @Test("XLSX: a ZIP whose every part has the right CRC and is well-formed XML, the cells as written, formulas neutralised")
    func xlsx() throws {
        let book = try Spreadsheet(sheets: [sheet, .init(name: "Definitioner", rows: [[.text("Id")], [.text("jobbtorg.closed")]])])
        let modified = Date(timeIntervalSince1970: 1_796_000_000)
        let bytes = book.xlsx(title: "Uppföljning <december>", modified: modified)
        #expect(bytes == book.xlsx(title: "Uppföljning <december>", modified: modified), "the same input gives the same bytes")
        let parts = try unzip(bytes)
        #expect(
            Set(parts.keys) == [
                "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
            ])
        for (name, content) in parts { #expect(WellFormed.parse(content).ok, "\(name) is not well-formed XML") }
        let texts = WellFormed.parse(parts["xl/worksheets/sheet1.xml"]!).texts
        #expect(texts == ["Stadsdel", "Antal", "Andel", "Spånga-Tensta", "42", "0.5678", "'=HYPERLINK(\"http://x\")", "<5", "–", "Kista \"norr\" & <b>", "-3"])
        #expect(String(decoding: parts["xl/workbook.xml"]!, as: UTF8.self).contains("<sheet name=\"Avslut till arbete\" sheetId=\"1\" r:id=\"rId1\"/>"))
        #expect(String(decoding: parts["docProps/core.xml"]!, as: UTF8.self).contains("Uppföljning &lt;december&gt;"))
    }

    @Test("Sheet names follow Excel's rules; a workbook needs a sheet")
    func names() {
        #expect(throws: Spreadsheet.Fault.sheetName("a/b")) { try Spreadsheet(sheets: [.init(name: "a/b", rows: [])]) }
        #expect(throws: Spreadsheet.Fault.sheetName(String(repeating: "x", count: 32))) {
            try Spreadsheet(sheets: [.init(name: String(repeating: "x", count: 32), rows: [])])
        }
        #expect(throws: Spreadsheet.Fault.sheetName("Blad")) { try Spreadsheet(sheets: [.init(name: "blad", rows: []), .init(name: "Blad", rows: [])]) }
        #expect(throws: Spreadsheet.Fault.noSheets) { try Spreadsheet(sheets: []) }
        #expect(Spreadsheet.columnName(0) == "A" && Spreadsheet.columnName(25) == "Z" && Spreadsheet.columnName(26) == "AA" && Spreadsheet.columnName(701) == "ZZ")
    }
}
