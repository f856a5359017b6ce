import Foundation
import SamsynDomain
import SamsynStorage

/// The person's case page. The district sees its case, försörjningshinder, aid months, consents, referrals,
/// its arbetsplan, the six-month checks and the status of the Jobbtorg enrolment; the Jobbtorg its
/// enrolment, jobbplan, meetings, attendance and closure. What belongs to the other committee appears only
/// under an active consent that covers it.
struct CaseOverviewHTML {
    let services: AppServices
    let actor: Actor
    let csrf: String
    let ov: CaseFlowService.Overview
    let notice: String?
    let form: CaseController.RefusedForm?

    var today: LocalDate { services.caseFlow.today }
    /// What the user may do here, decided in Domain by the predicates the service guards use.
    var caps: CaseCapabilities { CaseCapabilities(actor: actor, overview: ov) }
    var isDistrict: Bool { caps.side == .district }
    var isJobbtorg: Bool { caps.side == .jobbtorg }
    var pid: String { CaseController.id(ov.person.id) }
    func unitName(_ id: String) -> String { services.orgNames.unitName(id) ?? id }
    func committeeName(_ id: String) -> String { services.orgNames.committeeName(id) }

    func builder(for formName: String) -> PageBuilder {
        var b = PageBuilder()
        b.idPrefix = formName + "-"
        if let form, form.form == formName {
            b.errors = form.errors
            b.values = form.values
        }
        return b
    }

    func userName(_ id: UUID?) async -> String {
        guard let id else { return "Ingen ansvarig – fördelas av enhetschefen" }
        return (try? await services.users.user(id: id))?.displayName ?? "Okänd"
    }

    func render() async throws -> [Node] {
        var b = PageBuilder()
        b.open(SamsynWeb.p(.class("breadcrumb")))
        b.link(Routes.person.link(pid), ov.person.fullName)
        b.close()
        b.h1("Ärende och samordning – \(ov.person.fullName)")
        if let notice { b.notice(notice) }
        // A refusal that is not about one field (a second closure, a stale version) is shown at the top: the
        // form it came from may no longer be on the page.
        if let form, let m = form.errors.first(where: { $0.field == "\(form.form)-message" })?.message {
            b.add(
                div(.class("error-summary"), .role("alert"), .tabindex(-1), .id("error-summary")) {
                    SamsynWeb.h2("Ändringen kunde inte göras")
                    SamsynWeb.p(m)
                })
        }
        b.open(SamsynWeb.p(.class("actions")))
        b.link(Routes.personTimeline.link(pid), "Tidslinje: allt som hänt i personakten")
        b.text(" ")
        b.link(Routes.personAssessments.link(pid), "Bedömningar")
        b.text(" ")
        b.link(Routes.personNeedAssessment.link(pid), "Gemensam behovsbedömning")
        b.text(" ")
        b.link(Routes.personInterventions.link(pid), "Insatser")
        b.close()
        tasks(&b)
        if isDistrict {
            await districtCase(&b)
            obstacles(&b)
            aidMonths(&b)
            consents(&b)
            referrals(&b)
            plans(&b, own: .workPlan)
            await jobbtorgStatus(&b)
            checks(&b)
        } else if isJobbtorg {
            await enrolment(&b)
            plans(&b, own: .jobPlan)
            meetings(&b)
            attendance(&b)
            closure(&b)
            referrals(&b)
            consents(&b)
        } else {
            b.p("Din roll arbetar inte med ärenden. Du ser personens uppgifter på personsidan.")
        }
        return b.nodes
    }

    func tasks(_ b: inout PageBuilder) {
        b.section("Att göra", id: "tasks") { b in
            if ov.tasks.isEmpty {
                b.p("Inget är förfallet eller på väg att förfalla för personen hos er.")
            } else {
                b.open(ul(.class("tasks")))
                for t in ov.tasks {
                    let late = t.isOverdue(today: today)
                    b.open(li())
                    if late {
                        b.add(span("Försenad", .class("tag strong")))
                        b.text(" ")
                    }
                    b.text("\(t.kind.swedishName) – senast \(t.dueOn)")
                    b.close()
                }
                b.close()
            }
        }
    }

    // MARK: District

    func districtCase(_ b: inout PageBuilder) async {
        let active = ov.cases.first { $0.status == .active }
        var f = builder(for: "case")
        if let c = active {
            let name = await userName(c.responsibleUserId)
            let staff = await unitStaff()
            b.section("Ärendet", id: "case") { b in
                b.facts([
                    ("Aktualiserat", c.openedOn.description), ("Hur", c.source.swedishName), ("Kontaktväg", c.channel.swedishName),
                    ("Ansvarig handläggare", name), ("Enhet", unitName(c.unitId)),
                ])
                // A case opened at intake stays with the intake officer (and so do its tasks, the six-month check
                // too) until the social secretary takes it over at the new visit.
                if caps.canTakeOver(responsible: c.responsibleUserId) {
                    b.formStart(action: Routes.personResponsible.link(pid), csrf: csrf, cls: "inline")
                    b.hidden("responsible", CaseController.id(actor.user.id))
                    b.submit("Ta över ärendet", secondary: true)
                    b.formEnd()
                }
                assignForm(&b, staff: staff, current: c.responsibleUserId)
            }
            return
        }
        f.errorSummary("Aktualiseringen registrerades inte")
        if caps.canOpenCase {
            f.formStart(action: Routes.personCase.link(pid), csrf: csrf)
            f.choices("source", "Hur aktualiserades ärendet?", options: DistrictCase.Source.allCases.map { ($0.rawValue, $0.swedishName) }, selected: ["application"])
            f.select("channel", "Kontaktväg", options: DistrictCase.Channel.allCases.map { ($0.rawValue, $0.swedishName) }, selected: "phone")
            f.dateField("openedOn", "Datum", value: today.description)
            f.submit("Registrera aktualisering")
            f.formEnd()
        } else {
            f.p("Personen har inget öppet ärende hos er.")
        }
        let inner = f
        b.section("Aktualisering", id: "case") { b in b.add(inner) }
    }

    func obstacles(_ b: inout PageBuilder) {
        let classification = services.caseFlow.classification
        var f = builder(for: "obstacles")
        f.errorSummary("Försörjningshindret registrerades inte")
        if ov.obstacles.isEmpty {
            f.p("Inget försörjningshinder är registrerat.")
        } else {
            f.table(
                caption: "Registrerade försörjningshinder, senast först", headers: ["Vuxen", "Försörjningshinder", "Bedömt", "Av"],
                rows: ov.obstacles.map {
                    [.text($0.adult.swedishName), .text(classification.entry($0.code)?.label ?? $0.code), .text($0.judgedOn.description), .text($0.recordedBy)]
                })
        }
        if caps.canRecordObstacles {
            f.formStart(action: Routes.personObstacles.link(pid), csrf: csrf)
            f.choices("adult", "Vilken vuxen gäller det?", options: SupportObstacle.Adult.allCases.map { ($0.rawValue, $0.swedishName) }, selected: ["applicant"])
            f.select("code", "Försörjningshinder", options: classification.entries.map { ($0.code, $0.label) }, hint: "Bedöms på nytt vid varje ansökan.")
            f.dateField("judgedOn", "Bedömt datum", value: today.description)
            f.submit("Registrera försörjningshinder")
            f.formEnd()
        }
        let inner = f
        b.section("Försörjningshinder", id: "obstacles") { b in b.add(inner) }
    }

    func aidMonths(_ b: inout PageBuilder) {
        var f = builder(for: "aid")
        f.errorSummary("Månaderna registrerades inte")
        let months = ov.aidMonths
        let year = today.year
        f.facts([
            ("Månader med försörjningsstöd \(year)", "\(AidMonths.monthsIn(year: year, months))"),
            ("Månader \(year - 1)", "\(AidMonths.monthsIn(year: year - 1, months))\(AidMonths.isLongTerm(months: months, year: year - 1) ? " – långvarigt bistånd" : "")"),
            ("De senaste 36 månaderna", "\(AidMonths.monthsInLast36(months: months, upTo: today))\(AidMonths.isVeryLongTerm(months: months, upTo: today) ? " – mycket långvarigt bistånd" : "")"),
        ])
        if caps.canRecordAidMonths {
            f.formStart(action: Routes.personAidMonths.link(pid), csrf: csrf)
            f.field("months", "Lägg till månader", hint: "Skriv månader som ÅÅÅÅ-MM, åtskilda med mellanslag eller komma, till exempel 2026-09 2026-10.", short: false)
            f.submit("Registrera månader", secondary: true)
            f.formEnd()
        }
        let inner = f
        b.section("Månader med försörjningsstöd", id: "aid") { b in b.add(inner) }
    }

    func consents(_ b: inout PageBuilder) {
        b.section("Samtycken", id: "consents") { b in
            if ov.consents.isEmpty {
                b.p("Inget samtycke är dokumenterat. Utan samtycke delas inga uppgifter mellan stadsdelen och Jobbtorg.")
            }
            for c in ov.consents {
                let state = c.state(on: today)
                let stateText: String
                switch state {
                case .active: stateText = "Gäller"
                case .upcoming: stateText = "Gäller från \(c.validFrom)"
                case .expired: stateText = "Har gått ut"
                case .withdrawn: stateText = "Återkallat \(c.withdrawnAt.map(Format.date) ?? "") av \(c.withdrawnByName ?? "")"
                }
                b.open(div(.class("consent")))
                b.facts([
                    ("Till", c.recipientUnitId.map { "\(committeeName(c.recipientCommitteeId)): \(unitName($0))" } ?? committeeName(c.recipientCommitteeId)),
                    ("Omfattar", c.scopes.sorted().map(\.swedishName).joined(separator: "; ")), ("Syfte", c.purpose),
                    ("Giltigt", "\(c.validFrom) – \(c.validTo)"), ("Hur det lämnades", c.method.swedishName),
                    ("Dokumenterat av", "\(c.recordedByName), \(Format.date(c.recordedAt))"), ("Status", stateText),
                ])
                if caps.canWithdraw(c) {
                    b.formStart(action: Routes.consentWithdraw.link(c.id), csrf: csrf, cls: "inline")
                    b.hidden("version", String(c.version))
                    b.submit("Återkalla samtycket", secondary: true)
                    b.formEnd()
                }
                b.close()
            }
            if caps.canRecordConsent {
                b.pLink(Routes.personConsentNew.link(pid), "Dokumentera samtycke")
            }
        }
    }

    func referrals(_ b: inout PageBuilder) {
        b.section(isDistrict ? "Remiss till Jobbtorg" : "Remiss från stadsdelen", id: "referrals") { b in
            if ov.referrals.isEmpty { b.p("Ingen remiss.") }
            for r in ov.referrals {
                var facts: [(String, String)] = [
                    ("Skickad", "\(r.sentOn) av \(r.referredByName), \(unitName(r.fromUnitId))"), ("Till", unitName(r.toUnitId)),
                    ("Inskrivning via", r.route.swedishName + (r.meetingAt.map { " \(Format.dateTime($0))" } ?? "")), ("Skäl", r.reason),
                    ("Målgrupp", (r.inTargetGroup ? "Inom Jobbtorgs målgrupp: " : "Utanför målgruppen: ") + r.targetGroupReason),
                ]
                if let x = r.exceptionReason { facts.append(("Skäl att ändå remittera", x)) }
                facts.append(("Status", r.status.swedishName + (r.answeredByName.map { " (\($0))" } ?? "")))
                if let d = r.declineReason { facts.append(("Skäl till avböjande", d)) }
                if r.status == .sent { facts.append(("Ska besvaras senast", r.answerDue.description)) }
                b.facts(facts)
                if caps.canAnswer(r) { b.pLink(Routes.referral.link(r.id), "Besvara remissen") }
            }
            if caps.canRefer {
                b.pLink(Routes.personReferralNew.link(pid), "Remittera till Jobbtorg")
            }
        }
    }

    func plans(_ b: inout PageBuilder, own kind: Plan.Kind) {
        let mine = ov.plans.filter { $0.committeeId == actor.user.committeeId }
        let other = ov.plans.filter { $0.committeeId != actor.user.committeeId }
        b.section(kind == .jobPlan ? "Jobbplan" : "Arbetsplan", id: "plans") { b in
            if let p = mine.first(where: { $0.kind == kind }) {
                b.facts([
                    ("Mål", p.goal), ("Delmål", "\(p.subGoals.count)"), ("Nästa uppföljning", p.nextFollowUp.description),
                    ("Version", "\(p.version), sparad \(Format.date(p.savedAt)) av \(p.savedByName)"),
                ])
                b.pLink(Routes.plan.link(p.id), "Öppna \(kind.swedishName.lowercased())en")
            } else {
                let canWrite = caps.canWritePlan(kind)
                b.p("Personen har ingen \(kind.swedishName.lowercased()) ännu.")
                if canWrite { b.pLink(Routes.personPlanNew.link(pid) + "?kind=\(kind.rawValue)", "Upprätta \(kind.swedishName.lowercased())") }
            }
            for p in other {
                b.add(h3("\(p.kind.swedishName) från \(committeeName(p.committeeId)) (delas med samtycke)"))
                b.facts([("Mål", p.goal), ("Nästa uppföljning", p.nextFollowUp.description)])
                b.pLink(Routes.plan.link(p.id), "Läs \(p.kind.swedishName.lowercased())en")
            }
        }
    }

    func jobbtorgStatus(_ b: inout PageBuilder) async {
        b.section("Jobbtorg", id: "jobbtorg") { b in
            if ov.enrolments.isEmpty { b.p("Personen är inte inskriven på Jobbtorg.") }
            for e in ov.enrolments {
                var facts: [(String, String)] = [("Jobbtorg", unitName(e.unitId)), ("Inskriven", e.enrolledOn.description)]
                if e.status == .closed {
                    facts.append(("Avslutad", "\(e.closedOn?.description ?? "") – \(e.closureReason?.swedishName ?? "")"))
                    if let d = e.closureDetail { facts.append(("Skäl", d)) }
                } else {
                    facts.append(("Status", "Inskriven"))
                }
                b.facts(facts)
                if let months = ov.attendance[e.id] {
                    attendanceTable(&b, months, caption: "Närvaro per månad på \(unitName(e.unitId))")
                    b.pLink(Routes.enrolmentAttendance.link(e.id), "Närvaro och rättelser")
                } else {
                    b.p("Samtycket omfattar inte närvaro, eller gäller inte nu. Närvaron visas inte.")
                }
            }
            let meetings = ov.meetings
            if !meetings.isEmpty { meetingTable(&b, meetings) }
        }
    }

    func attendanceTable(_ b: inout PageBuilder, _ months: [AttendanceMonthSummary], caption: String) {
        if months.isEmpty { b.p("Ingen närvaro är registrerad ännu."); return }
        b.table(
            caption: caption, headers: ["Månad", "Närvarande", "Giltig frånvaro", "Ogiltig frånvaro", "Rättelser", "Status"],
            rows: months.map { m in
                [.text(m.month), .text("\(m.present)"), .text("\(m.absentValid)"), .text("\(m.absentInvalid)"), .text("\(m.corrections)"), .text(m.final ? "Slutrapporterad" : "Preliminär – kan rättas")]
            })
    }

    func meetingTable(_ b: inout PageBuilder, _ meetings: [Meeting]) {
        b.table(
            caption: "Möten, senast först", headers: ["Datum", "Möte", "Status", "Överenskommet"],
            rows: meetings.map { m in
                let status = m.held ? "Genomfört" : "Bokat"
                let dateCell: Cell =
                    caps.canOpenMeeting(m)
                    ? .link(href: Routes.meeting.link(m.id), text: "\(m.date) \(m.time)") : .text("\(m.date) \(m.time)")
                return [dateCell, .text(m.kind.swedishName), .text(status), .text(m.agreed ?? "–")]
            })
    }

    func checks(_ b: inout PageBuilder) {
        guard !ov.checks.isEmpty else { return }
        b.section("Sexmånadersuppföljning", id: "checks") { b in
            var f = builder(for: "checks")
            f.errorSummary("Uppföljningen registrerades inte")
            for c in ov.checks {
                f.facts([("Avslutad på Jobbtorg", "\(c.closedOn) – \(c.closureReason.swedishName)"), ("Uppföljning", "senast \(c.dueOn)")])
                if let r = c.result {
                    f.p("\(r.swedishName) (registrerat \(c.recordedOn?.description ?? "") av \(c.recordedByName ?? "")).")
                } else if caps.canRecordCheck {
                    let suggested = SixMonthCheck.suggestedResult(aidMonths: ov.aidMonths, closedOn: c.closedOn, dueOn: c.dueOn)
                    f.formStart(action: Routes.check.link(c.id), csrf: csrf)
                    f.hidden("version", String(c.version))
                    f.choices(
                        "result", "Har personen återkommit till försörjningsstöd?", options: SixMonthCheck.Result.allCases.map { ($0.rawValue, $0.swedishName) },
                        selected: [suggested.rawValue], hint: "Förvalt efter registrerade månader med försörjningsstöd efter avslutet.")
                    f.submit("Registrera uppföljningen")
                    f.formEnd()
                }
            }
            b.add(f)
        }
    }

    // MARK: Jobbtorg

    func enrolment(_ b: inout PageBuilder) async {
        let mine = ov.enrolments.filter { $0.committeeId == actor.user.committeeId }
        var names: [UUID: String] = [:]
        for e in mine { names[e.id] = await userName(e.responsibleUserId) }
        let staff = await unitStaff()
        b.section("Inskrivning", id: "enrolment") { b in
            if mine.isEmpty { b.p("Personen är inte inskriven hos er.") }
            for e in mine {
                var facts: [(String, String)] = [
                    ("Jobbtorg", unitName(e.unitId)), ("Inskriven", e.enrolledOn.description), ("Första jobbplanen senast", "\(e.jobPlanDue) (fem arbetsdagar)"),
                    ("Ansvarig", names[e.id] ?? ""), ("Från stadsdel", committeeName(e.districtCommitteeId)),
                ]
                if e.status == .closed {
                    facts.append(("Avslutad", "\(e.closedOn?.description ?? "") – \(e.closureReason?.swedishName ?? "")\(e.closureDetail.map { ": \($0)" } ?? "")"))
                }
                b.facts(facts)
                if e.status == .active {
                    if caps.canTakeOver(responsible: e.responsibleUserId) {
                        b.formStart(action: Routes.personResponsible.link(pid), csrf: csrf, cls: "inline")
                        b.hidden("responsible", CaseController.id(actor.user.id))
                        b.submit("Bli ansvarig coach", secondary: true)
                        b.formEnd()
                    }
                    assignForm(&b, staff: staff, current: e.responsibleUserId)
                }
            }
        }
    }

    /// The unit's active caseworkers and managers, for a manager to assign the case to.
    func unitStaff() async -> [StaffUser] {
        guard caps.canAssign else { return [] }
        return ((try? await services.users.all()) ?? []).filter { CaseFlowService.mayBeResponsible($0, assignedBy: actor) }.sorted { $0.displayName < $1.displayName }
    }

    func assignForm(_ b: inout PageBuilder, staff: [StaffUser], current: UUID?) {
        guard caps.canAssign, !staff.isEmpty else { return }
        b.formStart(action: Routes.personResponsible.link(pid), csrf: csrf, cls: "inline")
        b.select(
            "responsible", "Ansvarig handläggare", options: staff.map { (CaseController.id($0.id), "\($0.displayName) (\($0.role.swedishTitle))") },
            selected: current.map(CaseController.id) ?? "", placeholder: "Välj handläggare")
        b.submit("Fördela ärendet", secondary: true)
        b.formEnd()
    }

    var activeEnrolment: Enrolment? { caps.activeEnrolment }

    func meetings(_ b: inout PageBuilder) {
        b.section("Möten", id: "meetings") { b in
            let mine = ov.meetings.filter { $0.committeeId == actor.user.committeeId }
            if mine.isEmpty { b.p("Inga möten är bokade.") } else { meetingTable(&b, mine) }
            if let e = activeEnrolment, caps.canBookMeeting {
                if let due = MeetingRules.nextThreePartyDue(e, meetings: mine) { b.p("Nästa trepartssamtal ska hållas senast \(due).") }
                var f = builder(for: "meetings")
                f.errorSummary("Mötet bokades inte")
                f.formStart(action: Routes.enrolmentMeetings.link(e.id), csrf: csrf)
                f.choices("kind", "Vilket möte?", options: Meeting.Kind.allCases.map { ($0.rawValue, $0.swedishName) }, selected: ["three_party"])
                f.dateField("date", "Datum")
                f.field("time", "Tid", hint: "TT:MM, till exempel 09:30.", short: true)
                f.submit("Boka mötet")
                f.formEnd()
                b.add(f)
            }
        }
    }

    func attendance(_ b: inout PageBuilder) {
        b.section("Närvaro", id: "attendance") { b in
            for e in ov.enrolments where e.committeeId == actor.user.committeeId {
                attendanceTable(&b, ov.attendance[e.id] ?? [], caption: "Närvaro per månad")
                b.pLink(Routes.enrolmentAttendance.link(e.id), "Registrera och rätta närvaro")
            }
        }
    }

    func closure(_ b: inout PageBuilder) {
        guard let e = activeEnrolment, caps.canCloseEnrolment else { return }
        var f = builder(for: "closure")
        f.errorSummary("Inskrivningen avslutades inte")
        f.formStart(action: Routes.enrolmentClose.link(e.id), csrf: csrf)
        f.hidden("version", String(e.version))
        f.choices("reason", "Skäl till avslut", options: Enrolment.ClosureReason.allCases.map { ($0.rawValue, $0.swedishName) })
        f.field("detail", "Beskrivning", hint: "Krävs vid återremittering (varför) och vid Annat.", textarea: true)
        f.dateField("closedOn", "Avslutsdatum", value: today.description)
        f.submit("Avsluta inskrivningen")
        f.formEnd()
        let inner = f
        b.section("Avsluta inskrivningen", id: "closure") { b in
            b.p("Sex månader efter avslutet följer stadsdelen upp om personen har återkommit till försörjningsstöd.")
            b.add(inner)
        }
    }
}
