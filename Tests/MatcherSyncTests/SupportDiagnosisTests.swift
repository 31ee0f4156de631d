import Foundation
import MatcherCore
import MatcherStore
import Testing

@testable import MatcherSync

/// `matcher diagnose` below the command line: applications found by any query form, each
/// explained from the deliveries its run used, with its history, and nothing unmasked.
@Suite struct SupportDiagnosisTests {
    // MARK: The sample night

    @Test func everyUnmatchedSampleCaseIsExplainedWithTheRuleAndTheFix() throws {
        let sync = try SyncRun(folder: TemporaryFolder())
        try sync.run()
        let expected = try jsonLines(repositoryPath("fixtures/basic/expected.jsonl"))
        var diagnosed: [String] = []
        for (id, fields) in expected.sorted(by: { $0.key < $1.key }) {
            let socialInsurance = try #require(fields["socialInsurance"] as? [String: Any])
            let property = try #require(fields["property"] as? [String: Any])
            let outcomes = [
                socialInsurance["outcome"] as? String, property["outcome"] as? String,
            ]
            let settled: Set<String?> = ["SI_MATCHED", "PR_MATCHED", "PR_NOT_DECLARED"]
            guard !outcomes.allSatisfy(settled.contains) else { continue }
            diagnosed.append(id)
            let report = try sync.diagnose(id)
            #expect(report.applications.map(\.applicationId) == [id])
            let application = try #require(report.applications.first)
            #expect(application.agreesWithShown, "\(id): \(application.notes)")
            let diagnosis = try #require(application.diagnosis)
            let halves = [
                (diagnosis.socialInsurance, socialInsurance),
                (diagnosis.property, property),
            ]
            for (finding, expectedHalf) in halves {
                #expect(finding.outcome == expectedHalf["outcome"] as? String, "\(id)")
                let problems = try #require(expectedHalf["problems"] as? [String])
                #expect(finding.problems == problems, "\(id)")
                if !problems.isEmpty {
                    #expect(finding.decisions.map(\.code) == problems, "\(id)")
                }
                for decision in finding.decisions {
                    #expect(!decision.nextStep.isEmpty, "\(id) \(decision.code)")
                    #expect(!decision.evidence.isEmpty, "\(id) \(decision.code)")
                    #expect(!decision.rule.isEmpty, "\(id) \(decision.code)")
                }
            }
        }
        #expect(diagnosed.count == 11)
    }

    @Test(arguments: [
        ("A2023-0012", "A2023-0012"),
        ("ES2023041200012", "A2023-0012"),
        // The guardian's number as the parent typed it, lower case, and the legacy form.
        ("4127 2319 8607 08259 x", "A2023-0002"),
        ("41272319860708259x", "A2023-0002"),
        ("412723860708259", "A2023-0002"),
        (" 41272319860708259X ", "A2023-0002"),
        // The other guardian, the student, a sibling who also owns the home.
        ("341221198704021044", "A2023-0001"),
        ("32058320170601146x", "A2023-0008"),
        ("320583201103050515", "A2023-0019"),
        // 人社 holds this father under the legacy form.
        ("320583780923031", "A2023-0010"),
    ])
    func everyQueryFormFindsItsApplication(query: String, applicationId: String) throws {
        let sync = try SyncRun(folder: TemporaryFolder())
        try sync.run()
        let report = try sync.diagnose(query)
        #expect(report.applications.map(\.applicationId) == [applicationId])
        #expect(report.run.id == 1)
        let application = try #require(report.applications.first)
        #expect(application.diagnosis != nil)
        #expect(application.shown?.runId == 1)
        #expect(application.agreesWithShown, "\(application.notes)")
    }

    @Test func theHomesOwnerIsFoundByTheirIDNumber() throws {
        let nights = try DiagnosisNights()
        try nights.deliverAll(on: "2023-05-10")
        // The mother entered as the owner; an owner is always a guardian or a sibling.
        let applications = try nights.export(
            "owner.jsonl",
            edits: [
                "A2023-0012": { fields in
                    var fields = fields
                    var property = fields["property"] as? [String: Any] ?? [:]
                    property["owner"] = [
                        "name": "邓琳", "idType": "resident", "idNumber": "34122119850315166X",
                        "relation": "mother",
                    ]
                    fields["property"] = property
                    return fields
                }
            ]
        )
        try nights.night("2023-05-10", applications: applications)
        let report = try nights.diagnose("34122119850315166x")
        #expect(report.applications.map(\.applicationId) == ["A2023-0012"])
        let application = try #require(report.applications.first)
        #expect(application.agreesWithShown, "\(application.notes)")
        let labels = application.diagnosis?.typed.map(\.label) ?? []
        #expect(labels.contains { $0.hasPrefix("房屋所有权人（母亲） = 监护人二（母亲）") }, "\(labels)")
    }

    @Test(arguments: [
        "341221198503151707", "3412 2119 8503 1517 07", "341221850315170",
        "３４１２２１１９８５０３１５１７０７",
    ])
    func anUnknownQueryFailsWithoutRepeatingItsDigits(query: String) throws {
        let sync = try SyncRun(folder: TemporaryFolder())
        try sync.run()
        let error = try #require(throws: SyncError.self) { try sync.diagnose(query) }
        #expect(error.code == .input)
        #expect(error.message.contains("no application matches"))
        #expect(!error.message.contains(query))
        #expect(longDigitRuns(in: error.message).isEmpty, "\(error.message)")
    }

    /// The number as typed with spaces, and in full-width digits.
    @Test(arguments: ["4127 2319 8607 08259 x", "４１２７２３１９８６０７０８２５９Ｘ"])
    func aQueryIsNotRepeatedWholeInTheReport(query: String) throws {
        let sync = try SyncRun(folder: TemporaryFolder())
        try sync.run()
        let report = try sync.diagnose(query)
        #expect(report.applications.map(\.applicationId) == ["A2023-0002"])
        #expect(longDigitRuns(in: report.query).isEmpty, "query: \(report.query)")
        let header = try #require(report.text.split(separator: "\n").first)
        #expect(longDigitRuns(in: String(header)).isEmpty, "\(header)")
    }

    @Test func aDeliveryMovedAwaySinceTheRunIsNamedAsGone() throws {
        let folder = try TemporaryFolder()
        let deliveries = try folder.copy("fixtures/basic/deliveries", to: "deliveries")
        let sync = try SyncRun(folder: folder)
        try sync.run(deliveries: deliveries)
        try FileManager.default.removeItem(atPath: deliveries + "/hrss/2023-05-10")
        let report = try sync.diagnose("A2023-0008")
        let notes = report.applications.flatMap(\.notes)
        #expect(notes.contains { $0.contains("hrss/2023-05-10 is no longer at ") }, "\(notes)")
    }

    @Test(arguments: [("A2023-0008", "A2023-0008"), ("es2023041200008", "es2023041200008")])
    func aQueryNamingAnApplicationIsShownAsTyped(query: String, shown: String) throws {
        let sync = try SyncRun(folder: TemporaryFolder())
        try sync.run()
        let report = try sync.diagnose(query)
        #expect(report.query == shown)
        #expect(report.text.hasPrefix("Diagnosis for \(shown) "))
    }

    @Test(arguments: ["ES2023041200002", "341221198503151088"])
    func aFamilyWithTwoApplicationsGetsBothDiagnosed(query: String) throws {
        let nights = try DiagnosisNights()
        try nights.deliverAll(on: "2023-05-10")
        // A twin, applied for under the same 报名号 by the same guardians.
        var twin = try DiagnosisNights.sampleLine("A2023-0002")
        twin["applicationId"] = "A2023-0022"
        try nights.night(
            "2023-05-10",
            applications: try nights.export("twins.jsonl", adding: [twin])
        )
        let report = try nights.diagnose(query)
        #expect(report.applications.map(\.applicationId) == ["A2023-0002", "A2023-0022"])
        for application in report.applications {
            #expect(application.diagnosis?.registrationNo == "ES2023041200002")
            #expect(application.shown?.socialInsurance == "SI_MATCHED")
            #expect(application.agreesWithShown, "\(application.applicationId)")
        }
    }

    @Test func aWithdrawnApplicationIsSaidToHaveNoCurrentResult() throws {
        let sync = try SyncRun(folder: TemporaryFolder())
        try sync.run()
        let application = try #require(try sync.diagnose("A2023-0021").applications.first)
        #expect(application.shown == nil)
        #expect(application.history.isEmpty)
        // A withdrawn version holds nothing to match: it is named, not explained.
        #expect(application.diagnosis == nil)
        #expect(application.notes.contains { $0.contains("withdrawn: it has no current result") })
    }

    @Test func anApplicationWithdrawnAfterItsResultShowsNoResult() throws {
        let nights = try DiagnosisNights()
        try nights.deliverAll(on: "2023-05-10")
        try nights.night("2023-05-10")
        let withdrawn = try nights.export(
            "withdrawn.jsonl",
            edits: [
                "A2023-0001": { fields in
                    var fields = fields
                    fields["version"] = 2
                    fields["status"] = "withdrawn"
                    return fields
                }
            ]
        )
        let report = try nights.night("2023-05-11", applications: withdrawn)
        #expect(report.results.retired == 1)
        #expect(try nights.sync.store.currentResults()["A2023-0001"] == nil)
        let application = try #require(try nights.diagnose("A2023-0001").applications.first)
        #expect(application.diagnosis == nil)
        #expect(
            application.notes.contains { $0.contains("'--run 1' shows the result it had before") }
        )
        #expect(application.shown == nil, "the parent sees no result, yet: \(application.notes)")
        #expect(application.history.map(\.version) == [1])
        // Run 1 still explains the result the parent saw then.
        let before = try #require(try nights.diagnose("A2023-0001", runId: 1).applications.first)
        #expect(before.shown?.property == "PR_MATCHED")
        #expect(before.agreesWithShown, "\(before.notes)")
    }

    // MARK: History and past runs

    /// Night 1 is the sample; on night 2 人社 delivers A2023-0004's points subject, whom it
    /// did not know on night 1.
    func twoNightsWhereTheSubjectAppearsAtHRSS() throws -> DiagnosisNights {
        let nights = try DiagnosisNights()
        try nights.deliverAll(on: "2023-05-10")
        try nights.night("2023-05-10")
        try nights.deliver("hrss", on: "2023-05-11") { folder in
            try nights.append("SB0004,李强,341221198503151192\n", to: folder + "/persons.csv")
            try nights.append(
                "SB0004,110,202101,,320583\nSB0004,210,202101,,320583\n"
                    + "SB0004,410,202101,,320583\n",
                to: folder + "/contributions.csv"
            )
            try writeManifest(in: folder)
        }
        try nights.deliver("medical", on: "2023-05-11")
        try nights.deliver("registry", on: "2023-05-11")
        try nights.night("2023-05-11")
        return nights
    }

    @Test func aNewDeliveryIsNamedInTheHistoryWithTheOutcomeItChanged() throws {
        let nights = try twoNightsWhereTheSubjectAppearsAtHRSS()
        let application = try #require(try nights.diagnose("A2023-0004").applications.first)
        #expect(application.history.map(\.runId) == [1, 2])
        #expect(application.history.map(\.socialInsurance) == ["SI_NO_SS_ID", "SI_MATCHED"])
        #expect(application.history.first?.changes == ["first result"])
        let changes = try #require(application.history.last?.changes)
        #expect(changes.contains("new delivery data for hrss"), "\(changes)")
        #expect(changes.contains("social insurance: SI_NO_SS_ID → SI_MATCHED"), "\(changes)")
        #expect(application.shown?.runId == 2)
        #expect(application.agreesWithShown, "\(application.notes)")
        #expect(application.lookup("人社")?.delivery == "2023-05-11")
    }

    @Test func anEarlierRunIsExplainedFromTheDeliveriesItUsed() throws {
        let nights = try twoNightsWhereTheSubjectAppearsAtHRSS()
        let report = try nights.diagnose("A2023-0004", runId: 1)
        #expect(report.run.id == 1)
        #expect(report.run.day == "2023-05-10")
        let application = try #require(report.applications.first)
        #expect(application.shown?.runId == 1)
        #expect(application.shown?.socialInsurance == "SI_NO_SS_ID")
        #expect(application.diagnosis?.socialInsurance.outcome == "SI_NO_SS_ID")
        #expect(application.agreesWithShown, "\(application.notes)")
        #expect(application.history.map(\.runId) == [1])
        let hrss = try #require(application.lookup("人社"))
        #expect(hrss.delivery == "2023-05-10")
        #expect(hrss.records.isEmpty)
        #expect(hrss.unavailable == nil)
    }

    @Test func aResubmittedVersionIsNamedInTheHistory() throws {
        let nights = try DiagnosisNights()
        try nights.deliverAll(on: "2023-05-10")
        try nights.night("2023-05-10")
        // The parent corrects the points subject's check digit, and the father's with it.
        let corrected = try nights.export(
            "corrected.jsonl",
            edits: [
                "A2023-0009": { fields in
                    var fields = fields
                    fields["version"] = 2
                    var subject = fields["pointsSubject"] as? [String: Any] ?? [:]
                    subject["idNumber"] = "341221198503151491"
                    fields["pointsSubject"] = subject
                    var guardians = fields["guardians"] as? [[String: Any]] ?? []
                    guardians[0]["idNumber"] = "341221198503151491"
                    fields["guardians"] = guardians
                    return fields
                }
            ]
        )
        try nights.night("2023-05-11", applications: corrected)
        let application = try #require(try nights.diagnose("A2023-0009").applications.first)
        #expect(application.history.map(\.version) == [1, 2])
        let changes = try #require(application.history.last?.changes)
        #expect(changes.contains("new version 2: the parent resubmitted"), "\(changes)")
        #expect(changes.contains("social insurance: SI_INVALID_ID → SI_MATCHED"), "\(changes)")
        #expect(application.diagnosis?.version == 2)
        #expect(application.agreesWithShown, "\(application.notes)")
        let before = try #require(try nights.diagnose("A2023-0009", runId: 1).applications.first)
        #expect(before.diagnosis?.version == 1)
        #expect(before.diagnosis?.socialInsurance.outcome == "SI_INVALID_ID")
        #expect(before.agreesWithShown, "\(before.notes)")
    }

    @Test func aBackfilledDayLeavesTheLaterResultShownAndExplained() throws {
        let nights = try DiagnosisNights()
        try nights.deliverAll(on: "2023-05-10")
        try nights.deliver("hrss", on: "2023-05-11") { folder in
            try nights.append("SB0004,李强,341221198503151192\n", to: folder + "/persons.csv")
            try nights.append("SB0004,110,202101,,320583\n", to: folder + "/contributions.csv")
            try writeManifest(in: folder)
        }
        try nights.night("2023-05-11")
        let backfill = try nights.night("2023-05-10")
        #expect(backfill.plan.backfill == 20)
        let application = try #require(try nights.diagnose("A2023-0004").applications.first)
        #expect(application.shown?.runId == 1)
        #expect(application.shown?.socialInsurance != "SI_NO_SS_ID")
        #expect(application.agreesWithShown, "\(application.notes)")
        #expect(application.lookup("人社")?.delivery == "2023-05-11")
        #expect(application.history.map(\.runId) == [1, 2])
        #expect(application.history.last?.socialInsurance == "SI_NO_SS_ID")
        let changes = try #require(application.history.last?.changes)
        #expect(changes.contains { $0.hasPrefix("backfill of an earlier day") }, "\(changes)")
    }

    @Test func aRunBeforeTheApplicationArrivedSaysSo() throws {
        let nights = try DiagnosisNights()
        try nights.deliverAll(on: "2023-05-10")
        try nights.night("2023-05-10")
        var newcomer = try DiagnosisNights.sampleLine("A2023-0003")
        newcomer["applicationId"] = "A2023-0022"
        newcomer["registrationNo"] = "ES2023041200022"
        try nights.night(
            "2023-05-11",
            applications: try nights.export("newcomer.jsonl", adding: [newcomer])
        )
        let report = try nights.diagnose("ES2023041200022", runId: 1)
        let application = try #require(report.applications.first)
        #expect(application.applicationId == "A2023-0022")
        #expect(application.diagnosis == nil)
        #expect(application.shown == nil)
        #expect(application.history.isEmpty)
        #expect(
            application.notes == [
                "run 1 did not know this application yet: it arrived in a later run"
            ]
        )
    }

    // MARK: Deliveries that cannot explain the run

    @Test func aDeliveryChangedSinceTheRunIsNotRead() throws {
        let nights = try DiagnosisNights()
        try nights.deliverAll(on: "2023-05-10")
        try nights.night("2023-05-10")
        // Same files, but a manifest written anew: no longer what the run verified.
        try writeManifest(in: nights.delivery("hrss", on: "2023-05-10"))
        let application = try #require(try nights.diagnose("A2023-0004").applications.first)
        let hrss = try #require(application.lookup("人社"))
        let reason = try #require(hrss.unavailable)
        #expect(reason.contains("has changed since run 1"), "\(reason)")
        #expect(hrss.records.isEmpty)
        #expect(!application.agreesWithShown)
        #expect(application.lookup("医保")?.unavailable == nil)
    }

    @Test func aDeletedDeliveryIsSaidToBeUnreadable() throws {
        let nights = try DiagnosisNights()
        try nights.deliverAll(on: "2023-05-10")
        try nights.night("2023-05-10")
        try FileManager.default.removeItem(atPath: nights.delivery("registry", on: "2023-05-10"))
        let application = try #require(try nights.diagnose("A2023-0001").applications.first)
        let registry = try #require(application.lookup("不动产登记"))
        let reason = try #require(registry.unavailable)
        #expect(reason.contains("cannot be read again"), "\(reason)")
        #expect(!application.agreesWithShown)
    }

    @Test func aPendingHalfIsExplainedFromTheRunsReport() throws {
        let nights = try DiagnosisNights()
        try nights.deliver("hrss", on: "2023-05-10")
        try nights.deliver("medical", on: "2023-05-10")
        try nights.night("2023-05-10")
        let application = try #require(try nights.diagnose("A2023-0001").applications.first)
        #expect(application.shown?.property == "PR_PENDING")
        #expect(application.agreesWithShown, "\(application.notes)")
        let property = try #require(application.diagnosis?.property)
        #expect(property.outcome == "PR_PENDING")
        let why = "run 1 found no registry delivery on or before 2023-05-10"
        #expect(property.lookups.first?.unavailable == why)
        let decision = try #require(property.decisions.first)
        #expect(decision.code == "PR_PENDING")
        #expect(decision.evidence == ["registry: " + why])
        #expect(!decision.nextStep.isEmpty)
    }

    @Test func aStaleDeliveryIsNamedAsTheReasonForPending() throws {
        let nights = try DiagnosisNights()
        try nights.deliverAll(on: "2023-05-10")
        try nights.night("2023-05-12")
        let application = try #require(try nights.diagnose("A2023-0001").applications.first)
        let diagnosis = try #require(application.diagnosis)
        #expect(diagnosis.socialInsurance.outcome == "SI_PENDING")
        #expect(diagnosis.property.outcome == "PR_PENDING")
        let reason = try #require(application.lookup("不动产登记")?.unavailable)
        #expect(reason.contains("of 2023-05-10, was 2 days old on 2023-05-12"), "\(reason)")
    }

    @Test func aHalfKeptWhileItsSourceWasStaleIsExplainedFromTheEarlierDelivery() throws {
        let nights = try DiagnosisNights()
        try nights.deliverAll(on: "2023-05-10")
        try nights.night("2023-05-10")
        // Night 2: 人社 adds earlier months for A2023-0011's subject; the registry delivers
        // nothing, and yesterday's is too old.
        try nights.deliver("hrss", on: "2023-05-11") { folder in
            try nights.append(
                "SB0011,110,201601,201907,320583\n",
                to: folder + "/contributions.csv"
            )
            try writeManifest(in: folder)
        }
        try nights.deliver("medical", on: "2023-05-11")
        try nights.night("2023-05-11", maximumAge: 0)
        let application = try #require(try nights.diagnose("A2023-0011").applications.first)
        #expect(application.shown?.runId == 2)
        #expect(application.shown?.property == "PR_NO_RECORD")
        #expect(application.agreesWithShown, "\(application.notes)")
        #expect(application.lookup("不动产登记")?.delivery == "2023-05-10")
        #expect(application.lookup("人社")?.delivery == "2023-05-11")
        #expect(application.notes.contains { $0.contains("run 2 had no usable registry") })
    }

    // MARK: Masking

    @Test func noDiagnosisOfTheSampleNightShowsAnIDNumberOrAStrangersName() throws {
        let sync = try SyncRun(folder: TemporaryFolder())
        try sync.run()
        let people = try SampleNightPeople()
        #expect(people.applications.count == 21)
        for (id, familyNames) in people.applications.sorted(by: { $0.key < $1.key }) {
            let report = try sync.diagnose(id)
            for text in [report.json, report.text] {
                #expect(unmaskedIDNumbers(in: text).isEmpty, "\(id)")
                // However a number was spaced, as typed or as registered.
                let packed = text.filter { !$0.isWhitespace }.uppercased()
                let numbers = people.idNumbers.filter { packed.contains($0) }
                #expect(numbers.isEmpty, "\(id) shows \(numbers.sorted())")
                let strangers = people.allNames.subtracting(familyNames)
                let shown = strangers.filter { text.contains($0) }
                #expect(shown.isEmpty, "\(id) shows \(shown.sorted())")
            }
        }
    }
}
