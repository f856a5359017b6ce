import Foundation
import SamsynDomain
import SamsynStorage

/// The case page's model, from the domain read and the capabilities computed by the service's predicates.
extension CaseController {
    func model(actor: Actor, csrf: String, ov: CaseFlowService.Overview, notice: String?, refused: RefusedForm?) async -> CasePage.Model {
        let caps = CaseCapabilities(actor: actor, overview: ov)
        let today = flow.today
        let pid = Self.id(ov.person.id)
        let reader = CasePageReader(services: services, actor: actor, caps: caps, ov: ov, today: today)
        let side: CasePage.Model.Side
        switch caps.side {
        case .district: side = .district(await reader.district())
        case .jobbtorg: side = .jobbtorg(await reader.jobbtorg())
        case nil: side = .none
        }
        var box: CasePage.NewVisitBox?
        if caps.side == .district, ov.cases.contains(where: { $0.status == .active }) {
            let visit = try? await flow.newVisitWithinRead(personId: ov.person.id, inbox: services.caseStore, by: actor)
            box = CasePage.NewVisitBox(
                facts: visit.map { v in
                    [("Datum och tid", "\(v.date) kl. \(v.time)"), ("Hos", "\(v.workerName), \(services.orgNames.unitName(v.unitId) ?? v.unitId)"), ("Plats", v.location)]
                }, bookHref: CaseAction.bookNewVisit.allows(actor) ? Routes.personNewVisit.link(ov.person.id) : nil,
                letterHref: visit.map { Routes.newVisitLetter.link($0.id) })
        }
        return CasePage.Model(
            csrf: csrf, personId: pid, personName: ov.person.fullName, notice: notice, refused: refused,
            tasks: ov.tasks.map { CasePage.TaskLine(late: $0.isOverdue(today: today), text: "\($0.kind.swedishName) – senast \($0.dueOn)", acute: $0.kind == .acuteNeed) }, side: side,
            today: today.description, newVisit: box, nextSteps: await NextStepReader(services: services).steps(personId: ov.person.id, actor: actor))
    }
}

/// Turns the overview into the case page's sections.
private struct CasePageReader {
    let services: AppServices
    let actor: Actor
    let caps: CaseCapabilities
    let ov: CaseFlowService.Overview
    let today: LocalDate

    func unitName(_ id: String) -> String { services.orgNames.unitName(id) ?? id }
    func committeeName(_ id: String) -> String { services.orgNames.committeeName(id) }

    func userName(_ id: UUID?) async -> String {
        guard let id else { return "Ingen ansvarig – fördelas av enhetschefen" }
        return (try? await services.users.user(id: id))?.displayName ?? "Okänd"
    }

    /// The unit's active caseworkers and managers, for a manager to assign the case to.
    func unitStaff() async -> [StaffUser] {
        guard caps.canAssign else { return [] }
        return ((try? await services.users.all()) ?? []).filter { CaseFlowService.mayBeResponsible($0, assignedBy: actor) }.sorted { $0.displayName < $1.displayName }
    }

    func responsibility(_ current: UUID?, takeOver label: String, staff: [StaffUser]) -> CasePage.Responsibility {
        CasePage.Responsibility(
            takeOver: caps.canTakeOver(responsible: current) ? label : nil, actorId: CaseController.id(actor.user.id),
            assign: caps.canAssign && !staff.isEmpty
                ? CasePage.Assign(
                    staff: staff.map { .init(CaseController.id($0.id), "\($0.displayName) (\($0.role.swedishTitle))") }, selected: current.map(CaseController.id) ?? "")
                : nil)
    }

    // MARK: District

    func district() async -> CasePage.District {
        let closures = await closureRows()
        let activeCase: CasePage.District.Case
        if let c = ov.cases.first(where: { $0.status == .active }) {
            let name = await userName(c.responsibleUserId)
            let staff = await unitStaff()
            activeCase = .active(
                facts: [
                    ("Aktualiserat", c.openedOn.description), ("Hur", c.source.swedishName), ("Kontaktväg", c.channel.swedishName),
                    ("Ansvarig handläggare", name), ("Enhet", unitName(c.unitId)),
                ], responsibility: responsibility(c.responsibleUserId, takeOver: "Ta över ärendet", staff: staff))
        } else {
            activeCase = .none(canOpen: caps.canOpenCase)
        }
        let classification = services.caseFlow.classification
        let months = ov.aidMonths
        let year = today.year
        return CasePage.District(
            activeCase: activeCase,
            obstacles: ov.obstacles.map { [$0.adult.swedishName, classification.entry($0.code)?.label ?? $0.code, $0.judgedOn.description, $0.recordedBy] },
            canRecordObstacles: caps.canRecordObstacles, obstacleCodes: classification.entries.map { .init($0.code, $0.label) },
            aidFacts: [
                ("Månader med försörjningsstöd \(year)", "\(AidMonths.monthsIn(year: year, months))"),
                (
                    "Månader \(year - 1)",
                    "\(AidMonths.monthsIn(year: year - 1, months))\(AidMonths.isLongTerm(months: months, year: year - 1) ? " – långvarigt bistånd" : "")"
                ),
                (
                    "De senaste 36 månaderna",
                    "\(AidMonths.monthsInLast36(months: months, upTo: today))\(AidMonths.isVeryLongTerm(months: months, upTo: today) ? " – mycket långvarigt bistånd" : "")"
                ),
            ], canRecordAidMonths: caps.canRecordAidMonths, consents: consents(), referrals: referrals(title: "Remiss till Jobbtorg"),
            plans: plans(own: .workPlan),
            enrolments: ov.enrolments.map { e in
                var facts: [(String, String)] = [("Jobbtorg", unitName(e.unitId)), ("Inskriven", e.enrolledOn.description)]
                if e.status == .closed {
                    facts.append(("Avslutad", "\(e.closedOn?.description ?? "") – \(e.closureReason?.swedishName ?? "")"))
                    if let d = e.closureDetail { facts.append(("Skäl", d)) }
                    if let c = closures[e.id] { facts += CasePage.closureFacts(c) }
                } else {
                    facts.append(("Status", "Inskriven"))
                }
                return CasePage.District.EnrolmentStatus(
                    facts: facts,
                    attendance: ov.attendance[e.id].map { (enrolmentId: e.id, caption: "Närvaro per månad på \(unitName(e.unitId))", rows: CasePage.monthRows($0)) })
            }, meetings: meetingLines(ov.meetings),
            checks: ov.checks.map { c in
                CasePage.District.Check(
                    facts: [("Avslutad på Jobbtorg", "\(c.closedOn) – \(c.closureReason.swedishName)"), ("Uppföljning", "senast \(c.dueOn)")],
                    result: c.result.map { "\($0.swedishName) (registrerat \(c.recordedOn?.description ?? "") av \(c.recordedByName ?? ""))." },
                    form: c.result == nil && caps.canRecordCheck
                        ? (id: c.id, version: c.version, suggested: SixMonthCheck.suggestedResult(aidMonths: ov.aidMonths, closedOn: c.closedOn, dueOn: c.dueOn).rawValue) : nil)
            })
    }

    func consents() -> CasePage.Consents {
        CasePage.Consents(
            lines: ov.consents.map { c in
                let stateText: String
                switch c.state(on: today) {
                case .active: stateText = "Gäller"
                case .upcoming: stateText = "Gäller från \(c.validFrom)"
                case .expired: stateText = "Har gått ut"
                case .withdrawn: stateText = "Återkallat \(c.withdrawnAt.map(Format.date) ?? "") av \(c.withdrawnByName ?? "")"
                }
                return CasePage.ConsentLine(
                    facts: [
                        (
                            "Till",
                            c.recipientUnitId.map { "\(committeeName(c.recipientCommitteeId)): \(unitName($0))" } ?? committeeName(c.recipientCommitteeId)
                        ),
                        ("Omfattar", c.scopes.sorted().map(\.swedishName).joined(separator: "; ")), ("Syfte", c.purpose),
                        ("Giltigt", "\(c.validFrom) – \(c.validTo)"), ("Hur det lämnades", c.method.swedishName),
                        ("Dokumenterat av", "\(c.recordedByName), \(Format.date(c.recordedAt))"), ("Status", stateText),
                    ], withdraw: caps.canWithdraw(c) ? (id: c.id, version: c.version) : nil)
            }, canRecord: caps.canRecordConsent)
    }

    func referrals(title: String) -> CasePage.Referrals {
        CasePage.Referrals(
            title: title,
            lines: ov.referrals.map { r in
                var facts: [(String, String)] = [
                    ("Skickad", "\(r.sentOn) av \(r.referredByName), \(unitName(r.fromUnitId))"), ("Till", unitName(r.toUnitId)),
                    ("Inskrivning via", r.route.swedishName + (r.meetingAt.map { " \(Format.dateTime($0))" } ?? "")), ("Skäl", r.reason),
                    ("Målgrupp", (r.inTargetGroup ? "Inom Jobbtorgs målgrupp: " : "Utanför målgruppen: ") + r.targetGroupReason),
                ]
                if let x = r.exceptionReason { facts.append(("Skäl att ändå remittera", x)) }
                facts.append(("Status", r.status.swedishName + (r.answeredByName.map { " (\($0))" } ?? "")))
                if let d = r.declineReason { facts.append(("Skäl till avböjande", d)) }
                if r.status == .sent { facts.append(("Ska besvaras senast", r.answerDue.description)) }
                return CasePage.ReferralLine(facts: facts, answer: caps.canAnswer(r) ? r.id : nil)
            }, canRefer: caps.canRefer)
    }

    func plans(own kind: Plan.Kind) -> CasePage.Plans {
        let mine = ov.plans.filter { $0.committeeId == actor.user.committeeId }
        let other = ov.plans.filter { $0.committeeId != actor.user.committeeId }
        let own: CasePage.Plans.Own
        if let p = mine.first(where: { $0.kind == kind }) {
            own = .plan(
                id: p.id,
                facts: [
                    ("Mål", p.goal), ("Delmål", "\(p.subGoals.count)"), ("Nästa uppföljning", p.nextFollowUp.description),
                    ("Version", "\(p.version), sparad \(Format.date(p.savedAt)) av \(p.savedByName)"),
                ])
        } else {
            own = .none(newPlan: caps.canWritePlan(kind) ? Routes.personPlanNew.link(ov.person.id) + "?kind=\(kind.rawValue)" : nil)
        }
        return CasePage.Plans(
            title: kind == .jobPlan ? "Jobbplan" : "Arbetsplan", kindName: kind.swedishName.lowercased(), own: own,
            others: other.map { p in
                CasePage.Plans.Other(
                    id: p.id, heading: "\(p.kind.swedishName) från \(committeeName(p.committeeId)) (delas med samtycke)", kindName: p.kind.swedishName.lowercased(),
                    facts: [
                        ("Mål", p.goal), ("Nästa uppföljning", p.nextFollowUp.description),
                        ("Sparad hos", "\(unitName(p.unitId)), \(Format.date(p.savedAt))"),
                    ])
            })
    }

    func meetingLines(_ meetings: [Meeting]) -> [CasePage.MeetingLine] {
        meetings.map { m in
            CasePage.MeetingLine(id: m.id, when: "\(m.date) \(m.time)", canOpen: caps.canOpenMeeting(m), kind: m.kind.swedishName, status: m.held ? "Genomfört" : "Bokat", agreed: m.agreed ?? "–")
        }
    }

    // MARK: Jobbtorg

    /// The closure rows of the person's closed enrolments (the overview's read already logged them).
    func closureRows() async -> [UUID: EnrolmentClosure] {
        var out: [UUID: EnrolmentClosure] = [:]
        for e in ov.enrolments where e.status == .closed {
            if let c = try? await services.caseStore.closure(enrolmentId: e.id) { out[e.id] = c }
        }
        return out
    }

    func jobbtorg() async -> CasePage.Jobbtorg {
        let mine = ov.enrolments.filter { $0.committeeId == actor.user.committeeId }
        let closures = await closureRows()
        var names: [UUID: String] = [:]
        for e in mine { names[e.id] = await userName(e.responsibleUserId) }
        let staff = await unitStaff()
        let myMeetings = ov.meetings.filter { $0.committeeId == actor.user.committeeId }
        let active = caps.activeEnrolment
        return CasePage.Jobbtorg(
            enrolments: mine.map { e in
                var facts: [(String, String)] = [
                    ("Jobbtorg", unitName(e.unitId)), ("Inskriven", e.enrolledOn.description), ("Första jobbplanen senast", "\(e.jobPlanDue) (fem arbetsdagar)"),
                    ("Ansvarig", names[e.id] ?? ""), ("Från stadsdel", committeeName(e.districtCommitteeId)),
                ]
                if e.status == .closed {
                    facts.append(
                        ("Avslutad", "\(e.closedOn?.description ?? "") – \(e.closureReason?.swedishName ?? "")\(e.closureDetail.map { ": \($0)" } ?? "")"))
                    if let c = closures[e.id] { facts += CasePage.closureFacts(c) }
                }
                return CasePage.Jobbtorg.EnrolmentLine(
                    facts: facts, responsibility: e.status == .active ? responsibility(e.responsibleUserId, takeOver: "Bli ansvarig coach", staff: staff) : nil)
            }, plans: plans(own: .jobPlan), meetings: meetingLines(myMeetings),
            booking: active.flatMap { e in
                caps.canBookMeeting ? CasePage.Jobbtorg.Booking(enrolmentId: e.id, nextThreePartyDue: MeetingRules.nextThreePartyDue(e, meetings: myMeetings)?.description) : nil
            },
            attendance: mine.map { CasePage.Jobbtorg.Attendance(enrolmentId: $0.id, rows: CasePage.monthRows(ov.attendance[$0.id] ?? [])) },
            closure: active.flatMap { caps.canCloseEnrolment ? (enrolmentId: $0.id, version: $0.version) : nil }, referrals: referrals(title: "Remiss från stadsdelen"),
            consents: consents())
    }
}
