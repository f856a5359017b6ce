import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

@Suite("Person files hold their own values; folded search")
struct PersonFileValuesTests {
    let t0 = Fixtures.t0

    @Test("Migration 0013 gives every existing file the person's values and a folded index, and drops the global values", arguments: TestDatabase.kinds)
    func migration(kind: TestDatabase) async throws {
        try await kind.with(migrated: false) { db, _ in
            let before = MigrationRegistry.all.filter { $0.version < 13 }
            try await MigrationRunner(database: db, migrations: before).migrate(logger: TestDatabase.logger)
            try await Fixtures.organisation(db)
            let id = UUID().uuidString, protectedId = UUID().uuidString
            try await db.write { db in
                // Rows as Samsyn wrote them before 0013: values on the person, one file at each committee.
                try await db.raw(
                    """
                    INSERT INTO persons (id, identity_number, identity_kind, first_name, last_name, first_norm, last_norm, phone, email, street, postal_code,
                                         city, protected_identity, created_at, updated_at, version)
                    VALUES (\(bind: id), '198507141235', 'personnummer', 'Åsa', 'Nyström', 'åsa', 'nyström', '+46 70-123 45 67', NULL, 'Storgatan 12', '163 71',
                            'Stockholm', false, 1000, 2000, 3),
                           (\(bind: protectedId), '198601020010', 'personnummer', 'Bo', 'Nyström', 'bo', 'nyström', '070-999 88 77', NULL, 'Skyddsgatan 1', NULL,
                            NULL, true, 1000, 1000, 1)
                    """
                ).run()
                try await db.raw(
                    """
                    INSERT INTO person_files (person_id, committee_id, opened_at, opened_by_unit_id) VALUES
                    (\(bind: id), 'spanga-tensta', 1000, 'spanga-tensta-mottagning'), (\(bind: id), 'arbetsmarknadsnamnden', 5000, 'jobbtorg-kista'),
                    (\(bind: protectedId), 'spanga-tensta', 1000, 'spanga-tensta-mottagning')
                    """
                ).run()
                try await db.raw(
                    """
                    INSERT INTO person_name_tokens (committee_id, token, person_id) VALUES
                    ('spanga-tensta', 'åsa', \(bind: id)), ('spanga-tensta', 'nyström', \(bind: id)), ('arbetsmarknadsnamnden', 'åsa', \(bind: id)),
                    ('arbetsmarknadsnamnden', 'nyström', \(bind: id)), ('spanga-tensta', 'bo', \(bind: protectedId)), ('spanga-tensta', 'nyström', \(bind: protectedId))
                    """
                ).run()
            }
            #expect(try await MigrationRunner(database: db).migrate(logger: TestDatabase.logger).contains(13))

            let store = SQLPersonStore(database: db)
            let uuid = try #require(UUID(uuidString: id))
            for committee in ["spanga-tensta", "arbetsmarknadsnamnden"] {
                let found = try #require(try await store.person(id: uuid, committeeId: committee))
                #expect(found.person.fullName == "Åsa Nyström")
                #expect(found.person.contact.street == "Storgatan 12")
                #expect(found.person.version == 3)
                #expect(found.file.committeeId == committee)
                #expect(try await store.search(.name(["nystrom"]), committeeId: committee, limit: 10).map(\.id).contains(uuid), "folded at migration")
                #expect(try await store.search(.name(["asa"]), committeeId: committee, limit: 10).map(\.id) == [uuid])
                #expect(try await store.search(.street(["storgatan", "12"]), committeeId: committee, limit: 10).map(\.id) == [uuid])
                #expect(try await store.search(.phone("0701234567"), committeeId: committee, limit: 10).map(\.id) == [uuid], "+46 read as 0")
            }
            // The file's time is the file's own: Jobbtorg's file opened later than the district's.
            #expect(try await store.person(id: uuid, committeeId: "arbetsmarknadsnamnden")?.person.createdAt == Date(epochMilliseconds: 5000))
            // Protected identity: found by name, never by phone or street.
            #expect(try await store.search(.name(["bo", "nystrom"]), committeeId: "spanga-tensta", limit: 10).count == 1)
            #expect(try await store.search(.phone("0709998877"), committeeId: "spanga-tensta", limit: 10).isEmpty)
            #expect(try await store.search(.street(["skyddsgatan"]), committeeId: "spanga-tensta", limit: 10).isEmpty)
            // The registry keeps no name or contact details any more.
            await #expect(throws: (any Error).self) {
                try await db.read { db in try await db.raw("SELECT first_name FROM persons").all() }
            }
            await #expect(throws: (any Error).self) {
                try await db.read { db in try await db.raw("SELECT token FROM person_name_tokens").all() }
            }
        }
    }

    @Test("Registering a held number opens the committee's own file with its own values; the other file is untouched", arguments: TestDatabase.kinds)
    func ownValues(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            try await Fixtures.organisation(db)
            let district = try await Fixtures.user(db, "maja", role: .intakeOfficer, unit: "spanga-tensta-mottagning")
            let coach = try await Fixtures.user(db, "carl", role: .coach, unit: "jobbtorg-kista")
            let clock = ManualClock(t0)
            let log = SQLAccessLog(database: db)
            let store = SQLPersonStore(database: db)
            let directory = PersonDirectory(persons: store, log: log, clock: clock)
            let number = Fixtures.personnummer(1985, 7, 14, serial: 123)
            var theirs = Fixtures.personInput(number, "Hemlig", "Hemligsson")
            theirs.protectedIdentity = true
            theirs.phone = "08-765 43 21"
            let first = try await directory.register(theirs, by: Actor(user: district, requestId: "r1", channel: "test"))
            clock.advance(by: 86_400)
            let mine = PersonInput(identityNumber: number, firstName: "Egen", lastName: "Jobbtorgsson", phone: "070-111 22 33", street: "Egnavägen 5")
            let second = try await directory.register(mine, by: Actor(user: coach, requestId: "r2", channel: "test"))
            #expect(second.person.id == first.person.id, "one person, linked by the personnummer")
            #expect(second.person.fullName == "Egen Jobbtorgsson")
            #expect(second.person.protectedIdentity == false)
            #expect(second.visibleContact?.street == "Egnavägen 5")
            #expect(second.person.createdAt == clock.now())
            #expect(second.files.map(\.committeeId) == ["arbetsmarknadsnamnden"])
            // Each committee reads and finds its own values only.
            let districtView = try #require(try await store.person(id: first.person.id, committeeId: "spanga-tensta"))
            #expect(districtView.person.fullName == "Hemlig Hemligsson")
            #expect(districtView.person.protectedIdentity)
            #expect(districtView.person.createdAt == t0)
            #expect(try await store.search(.name(["hemligsson"]), committeeId: "arbetsmarknadsnamnden", limit: 10).isEmpty)
            #expect(try await store.search(.name(["jobbtorgsson"]), committeeId: "spanga-tensta", limit: 10).isEmpty)
            #expect(try await store.search(.phone("087654321"), committeeId: "arbetsmarknadsnamnden", limit: 10).isEmpty)
            #expect(try await store.search(.phone("0701112233"), committeeId: "arbetsmarknadsnamnden", limit: 10).map(\.lastName) == ["Jobbtorgsson"])
            // Both committees' log rows say the same: a person registered in the committee.
            let rows = try await log.forPerson(first.person.id)
            #expect(Set(rows.map(\.entry.action)) == ["person.create"])
            #expect(rows.allSatisfy { $0.entry.after?.contains("Hemlig") == ($0.entry.committeeId == "spanga-tensta") })
        }
    }

    @Test("Search folds case and diacritics, takes name plus initial, phone and street, within the committee and protected identity", arguments: TestDatabase.kinds)
    func search(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            try await Fixtures.organisation(db)
            let user = try await Fixtures.user(db, "maja", role: .intakeOfficer, unit: "spanga-tensta-mottagning")
            let coach = try await Fixtures.user(db, "carl", role: .coach, unit: "jobbtorg-kista")
            let directory = PersonDirectory(persons: SQLPersonStore(database: db), log: SQLAccessLog(database: db), clock: ManualClock(t0))
            let actor = Actor(user: user, requestId: "r", channel: "test")
            func add(_ serial: Int, _ first: String, _ last: String, phone: String = "", street: String = "", protected: Bool = false) async throws {
                let input = PersonInput(
                    identityNumber: Fixtures.personnummer(1980, 5, 5, serial: serial), firstName: first, lastName: last, phone: phone, street: street,
                    protectedIdentity: protected)
                _ = try await directory.register(input, by: actor)
            }
            try await add(11, "Åsa", "Nyström", phone: "070-123 45 67", street: "Storgatan 12")
            try await add(12, "Johan", "Andersson", phone: "+46 8 555 123", street: "Råsundavägen 3 B")
            try await add(13, "Karin", "Andersson", street: "Storgatan 14")
            try await add(14, "Jens", "Åkesson", phone: "070-123 99 99", street: "Storgatan 12", protected: true)
            func names(_ q: String) async throws -> [String] { try await directory.search(q, by: actor).map { "\($0.firstName) \($0.lastName)" } }

            #expect(try await names("Nystrom") == ["Åsa Nyström"])
            #expect(try await names("ASA") == ["Åsa Nyström"])
            #expect(try await names("nyström åsa") == ["Åsa Nyström"])
            #expect(try await names("Andersson J") == ["Johan Andersson"])
            #expect(try await names("J Andersson") == ["Johan Andersson"])
            #expect(try await names("Andersson") == ["Johan Andersson", "Karin Andersson"])
            #expect(try await names("Andersson A").isEmpty, "the initial must begin another name than the surname")
            #expect(try await names("akesson") == ["Jens Åkesson"], "a protected person is found by name, as before")
            #expect(try await names("070-123 45 67") == ["Åsa Nyström"])
            #expect(try await names("08-555 123") == ["Johan Andersson"], "+46 8 is 08")
            #expect(try await names("070-123 99 99").isEmpty, "never a protected person by phone")
            #expect(try await names("Storgatan 12") == ["Åsa Nyström"], "never a protected person by address")
            #expect(try await names("storgatan") == ["Karin Andersson", "Åsa Nyström"])
            #expect(try await names("Rasundavagen 3") == ["Johan Andersson"])
            // Another committee finds none of them, by any route.
            let other = Actor(user: coach, requestId: "r2", channel: "test")
            for q in ["Nystrom", "Andersson J", "070-123 45 67", "Storgatan 12", Fixtures.personnummer(1980, 5, 5, serial: 11), "19800505"] {
                #expect(try await directory.search(q, by: other).isEmpty, "\(q)")
            }
            // A valid number with no hit is offered for registration; a birth date is not.
            let unknown = Fixtures.personnummer(1988, 3, 15, serial: 234)
            #expect(try await directory.searchOffering(unknown, by: actor).register?.formatted == unknown)
            #expect(try await directory.searchOffering("19880315", by: actor).register == nil)
            #expect(try await directory.searchOffering(Fixtures.personnummer(1980, 5, 5, serial: 11), by: actor).register == nil, "found: nothing to offer")
        }
    }

    @Test("Recent persons come from the access log: the user's own reads and registrations, newest first, within the committee", arguments: TestDatabase.kinds)
    func recent(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            try await Fixtures.organisation(db)
            let maja = try await Fixtures.user(db, "maja", role: .intakeOfficer, unit: "spanga-tensta-mottagning")
            let other = try await Fixtures.user(db, "olle", role: .intakeOfficer, unit: "spanga-tensta-mottagning")
            let clock = ManualClock(t0)
            let directory = PersonDirectory(persons: SQLPersonStore(database: db), log: SQLAccessLog(database: db), clock: clock)
            let actor = Actor(user: maja, requestId: "r", channel: "test")
            #expect(try await directory.recentlySeen(by: actor).isEmpty)
            var ids: [UUID] = []
            for i in 0..<3 {
                ids.append(try await directory.register(Fixtures.personInput(Fixtures.personnummer(1970, 1, 1 + i, serial: 20 + i), "P\(i)", "Recent"), by: actor).person.id)
            }
            _ = try await directory.read(id: ids[0], by: actor)
            _ = try await directory.read(id: ids[0], by: actor)
            #expect(try await directory.recentlySeen(by: actor).map(\.id) == [ids[0], ids[2], ids[1]])
            #expect(try await directory.recentlySeen(by: actor, limit: 2).map(\.id) == [ids[0], ids[2]])
            #expect(try await directory.recentlySeen(by: Actor(user: other, requestId: "r", channel: "test")).isEmpty, "someone else's reads are not mine")
        }
    }

    @Test("Migration 0025: a page of name hits is the start of the whole sorted list, each person once; the backfilled sort key is the one new files write", arguments: TestDatabase.kinds)
    func sortedHitPages(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            try await Fixtures.organisation(db)
            let officer = try await Fixtures.user(db, "maja", role: .intakeOfficer, unit: "spanga-tensta-mottagning")
            let directory = PersonDirectory(persons: SQLPersonStore(database: db), log: SQLAccessLog(database: db), clock: ManualClock(t0))
            let actor = Actor(user: officer, requestId: "r", channel: "test")
            // Names that share the prefix "ber" in different tokens and places: surnames, first names, both (once in the list),
            // Swedish letters after z, a compound surname, and two people with the same name (told apart by the number).
            let names = [
                ("Bertil", "Andersson"), ("Anna", "Berg"), ("Bo", "Bergman"), ("Berit", "Berg"), ("Erik", "Berglund"), ("Åsa", "Berg"),
                ("Örjan", "Berg"), ("Ärla", "Berg"), ("Zara", "Berg"), ("Anna", "Berg"), ("Lena", "af Berg"), ("Per", "Bergström"),
            ]
            for (i, n) in names.enumerated() {
                _ = try await directory.register(Fixtures.personInput(Fixtures.personnummer(1980 + i, 3, 1 + i, serial: 40 + i), n.0, n.1), by: actor)
            }
            let store = SQLPersonStore(database: db)
            let all = try await store.search(.name(["ber"]), committeeId: "spanga-tensta", limit: 50)
            #expect(all.count == names.count, "each person once, though Berit Berg has two matching tokens")
            let expected = all.sorted {
                (PersonSearchQuery.sortKey($0.lastName), PersonSearchQuery.sortKey($0.firstName), $0.identityNumber.digits)
                    < (PersonSearchQuery.sortKey($1.lastName), PersonSearchQuery.sortKey($1.firstName), $1.identityNumber.digits)
            }
            #expect(all.map(\.id) == expected.map(\.id))
            #expect(all.prefix(3).map(\.lastName) == ["af Berg", "Andersson", "Berg"])
            // Å, Ä and Ö after Z (bytewise, so Ä comes before Å: the order the lists had before 0025, kept).
            #expect(all.filter { $0.lastName == "Berg" }.map(\.firstName) == ["Anna", "Anna", "Berit", "Zara", "Ärla", "Åsa", "Örjan"])
            for limit in [1, 4, 7] {
                #expect(try await store.search(.name(["ber"]), committeeId: "spanga-tensta", limit: limit).map(\.id) == Array(all.prefix(limit)).map(\.id))
            }
            // The migration's SQL computes the same key as Swift does for a new file.
            struct Key: Decodable { let person_id: String, sort_key: String }
            let keys = try await db.read { db in
                try await db.raw("SELECT DISTINCT person_id, sort_key FROM person_search_tokens WHERE committee_id = 'spanga-tensta'").all(decoding: Key.self)
            }
            let separator = db.kind == .postgres ? "chr(1)" : "char(1)"
            let fromSQL = try await db.read { db in
                try await db.raw(
                    """
                    SELECT DISTINCT t.person_id, f.last_norm || \(unsafeRaw: separator) || f.first_norm || \(unsafeRaw: separator) || p.identity_number AS sort_key
                    FROM person_search_tokens t JOIN person_files f ON f.person_id = t.person_id AND f.committee_id = t.committee_id
                    JOIN persons p ON p.id = t.person_id WHERE t.committee_id = 'spanga-tensta'
                    """
                ).all(decoding: Key.self)
            }
            #expect(keys.count == names.count)
            #expect(Dictionary(uniqueKeysWithValues: keys.map { ($0.person_id, $0.sort_key) }) == Dictionary(uniqueKeysWithValues: fromSQL.map { ($0.person_id, $0.sort_key) }))
        }
    }
}
