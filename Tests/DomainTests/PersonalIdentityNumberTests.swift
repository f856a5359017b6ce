import Foundation
import Testing

@testable import SamsynDomain

@Suite("Personnummer and samordningsnummer")
struct PersonalIdentityNumberTests {
    /// 2026-11-22 in Stockholm.
    let today = Calendar.swedish.date(from: DateComponents(year: 2026, month: 11, day: 22, hour: 12))!

    func parse(_ s: String) throws(IdentityNumberError) -> PersonalIdentityNumber {
        try PersonalIdentityNumber.parse(s, today: today)
    }

    @Test("Skatteverket's example numbers in every form give the same 12 digits")
    func acceptedForms() throws {
        // 811218-9876 is the classic example with a valid check digit.
        for form in ["811218-9876", "8112189876", "19811218-9876", "198112189876", " 811218-9876 "] {
            let n = try parse(form)
            #expect(n.digits == "198112189876", "form \(form)")
            #expect(n.kind == .personnummer)
            #expect(n.formatted == "19811218-9876")
        }
    }

    @Test("Samordningsnummer: day plus 60")
    func samordningsnummer() throws {
        let n = try parse("701063-2391")
        #expect(n.kind == .samordningsnummer)
        #expect(n.digits == "197010632391")
        #expect(n.birthDate.day == 3)
        #expect(n.birthDate.month == 10)
    }

    @Test("The century of a 10-digit number: '-' means under 100 years old, '+' means 100 or more")
    func centuryRule() throws {
        let young = Fixtures.tenDigit(2015, 3, 4, serial: 123)
        #expect(try parse(young).digits.hasPrefix("2015"))
        let old = Fixtures.tenDigit(1945, 3, 4, serial: 123)
        #expect(try parse(old).digits.hasPrefix("1945"))
        let centenarian = Fixtures.tenDigit(1920, 3, 4, serial: 123).replacingOccurrences(of: "-", with: "+")
        #expect(try parse(centenarian).digits.hasPrefix("1920"))
        // Without '+', "20" means 2020, not 1920.
        #expect(try parse(Fixtures.tenDigit(1920, 3, 4, serial: 123)).digits.hasPrefix("2020"))
    }

    @Test(
        "Refused inputs say why",
        arguments: [
            ("", IdentityNumberError.empty),
            ("abc", .format),
            ("81121898", .format),
            ("811218-98761", .format),
            ("811218/9876", .format),
            ("811218-9877", .checkDigit),
            ("811318-9876", .date),
            ("810230-1234", .date),
            ("17811218-9876", .century),
            ("20301218-1234", .future),
            ("811218-0007", .format),
        ])
    func refused(input: String, expected: IdentityNumberError) {
        #expect(throws: expected) { try parse(input) }
    }

    @Test("A leap day is a valid birth date only in a leap year")
    func leapDay() throws {
        #expect(try parse(Fixtures.twelveDigit(2000, 2, 29, serial: 42)).birthDate.day == 29)
        #expect(throws: IdentityNumberError.date) { try parse(Fixtures.twelveDigit(2001, 2, 29, serial: 42)) }
    }

    @Test("Error messages are Swedish and name the problem")
    func messages() {
        #expect(IdentityNumberError.checkDigit.message.hasPrefix("Kontrollsiffran stämmer inte"))
        #expect(IdentityNumberError.date.message.contains("Datumet"))
    }

    // MARK: Properties

    /// Random valid numbers from a seeded generator (repeatable).
    func generated(count: Int, seed: UInt64) -> [(year: Int, month: Int, day: Int, serial: Int, samordning: Bool)] {
        var rng = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            let year = Int.random(in: 1900...2025, using: &rng)
            let month = Int.random(in: 1...12, using: &rng)
            let days = Calendar.swedish.range(of: .day, in: .month, for: Calendar.swedish.date(from: DateComponents(year: year, month: month))!)!.count
            return (year, month, Int.random(in: 1...days, using: &rng), Int.random(in: 1...999, using: &rng), Int.random(in: 0..<4, using: &rng) == 0)
        }
    }

    @Test("Property: every generated valid number parses, in all four forms, to the same 12 digits")
    func generatedValidNumbersPass() throws {
        for g in generated(count: 2000, seed: 42) {
            let twelve = Fixtures.twelveDigit(g.year, g.month, g.day, serial: g.serial, samordning: g.samordning)
            let expected = twelve.replacingOccurrences(of: "-", with: "")
            let age = 2026 - g.year
            var ten = Fixtures.tenDigit(g.year, g.month, g.day, serial: g.serial, samordning: g.samordning)
            if age > 100 || (age == 100 && (g.month, g.day) <= (11, 22)) { ten = ten.replacingOccurrences(of: "-", with: "+") }
            for form in [twelve, expected, ten, ten.replacingOccurrences(of: "-", with: "")] where !(form.count == 10 && ten.contains("+")) {
                let n = try parse(form)
                #expect(n.digits == expected, "\(form)")
                #expect(n.kind == (g.samordning ? .samordningsnummer : .personnummer))
            }
        }
    }

    @Test("Property: changing any one digit covered by the check digit makes a valid number fail")
    func singleDigitChangesFail() throws {
        for g in generated(count: 300, seed: 7) {
            let valid = Fixtures.twelveDigit(g.year, g.month, g.day, serial: g.serial, samordning: g.samordning)
            var chars = Array(valid)
            // Positions 2…12 hold YYMMDD-NNNC (the century digits are not covered by the check digit).
            for position in 2..<chars.count where chars[position] != "-" {
                let original = chars[position]
                for digit in "0123456789" where digit != original {
                    chars[position] = digit
                    let mutated = String(chars)
                    #expect(throws: IdentityNumberError.self, "\(valid) → \(mutated) should fail") { try parse(mutated) }
                }
                chars[position] = original
            }
        }
    }
}

/// SplitMix64, so property tests are repeatable.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum Fixtures {
    static func nine(_ year: Int, _ month: Int, _ day: Int, _ serial: Int, _ samordning: Bool) -> String {
        String(format: "%02d%02d%02d%03d", year % 100, month, samordning ? day + 60 : day, serial)
    }
    static func tenDigit(_ year: Int, _ month: Int, _ day: Int, serial: Int, samordning: Bool = false) -> String {
        let n = nine(year, month, day, serial, samordning)
        return n.prefix(6) + "-" + n.suffix(3) + String(PersonalIdentityNumber.luhnCheckDigit(n))
    }
    static func twelveDigit(_ year: Int, _ month: Int, _ day: Int, serial: Int, samordning: Bool = false) -> String {
        String(format: "%02d", year / 100) + tenDigit(year, month, day, serial: serial, samordning: samordning)
    }
}
