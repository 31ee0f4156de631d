import Foundation
import MatcherCore
import Testing

@testable import MatcherStore

/// Finding the applications a support query names, and what the store held at a past run.
@Suite struct DiagnosisLookupTests {
    static let guardianID = "320583198001011238"
    static let secondGuardianID = "32058319820202203X"
    static let siblingID = "320583201505055677"
    static let ownerID = "32058319880606605X"
    static let studentID = "320583201204044560"

    /// A family's application naming a guardian, a sibling and the home's owner.
    static func application(
        _ id: String,
        version: Int = 1,
        status: ApplicationStatus = .submitted,
        registrationNo: String = "R100"
    ) -> Application {
        guard status == .submitted else {
            return Application(
                applicationId: id,
                registrationNo: registrationNo,
                version: version,
                status: status,
                submittedAt: "2023-05-09T20:15:00+08:00"
            )
        }
        return Application(
            applicationId: id,
            registrationNo: registrationNo,
            version: version,
            status: status,
            submittedAt: "2023-05-09T20:15:00+08:00",
            student: Person(name: "周小明", idType: .resident, idNumber: studentID),
            guardians: [
                Person(name: "周建国", idType: .resident, idNumber: guardianID, relation: "father"),
                Person(
                    name: "陈静",
                    idType: .resident,
                    idNumber: secondGuardianID,
                    relation: "mother"
                ),
            ],
            pointsSubject: Person(name: "周建国", idType: .resident, idNumber: guardianID),
            familyMembers: [
                Person(name: "周小红", idType: .resident, idNumber: siblingID, relation: "sibling")
            ],
            property: PropertyDeclaration(
                declared: true,
                certificateType: .realEstate,
                certificateYear: "2019",
                certificateNumber: "0123456",
                owner: Person(name: "周奶奶", idType: .resident, idNumber: ownerID)
            )
        )
    }

    static func stored(_ application: Application) throws -> StoredApplication {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return StoredApplication(
            applicationId: application.applicationId,
            version: application.version,
            status: application.status.rawValue,
            registrationNo: application.registrationNo,
            submittedAt: application.submittedAt,
            document: try encoder.encode(application)
        )
    }

    /// Stores one run that brings `versions` and used `deliveries`; returns its id.
    @discardableResult
    static func run(
        _ store: MatcherStore,
        day: String,
        versions: [StoredApplication] = [],
        deliveries: [DeliveryUse] = []
    ) throws -> Int64 {
        let runId = try store.beginRun(startedAt: day + "T02:00:00+08:00", asOf: day)
        var commit = RunCommit(
            runId: runId,
            finishedAt: day + "T02:10:00+08:00",
            status: .succeeded,
            report: Data("{}".utf8)
        )
        commit.newApplicationVersions = versions
        commit.deliveries = deliveries
        try store.commit(commit)
        return runId
    }

    /// A store holding two children of one family account and one of another.
    static func withFamilies<T>(_ body: (MatcherStore) throws -> T) throws -> T {
        try withTemporaryDirectory { directory in
            let store = try MatcherStore(path: directory.databasePath)
            try run(
                store,
                day: "2023-05-10",
                versions: [
                    try stored(application("A001")),
                    try stored(
                        Application(
                            applicationId: "A002",
                            registrationNo: "R100",
                            version: 1,
                            status: .submitted,
                            submittedAt: "2023-05-09T21:00:00+08:00",
                            guardians: [
                                Person(name: "周建国", idType: .resident, idNumber: guardianID)
                            ]
                        )
                    ),
                    try stored(
                        Application(
                            applicationId: "B001",
                            registrationNo: "R200",
                            version: 1,
                            status: .submitted,
                            submittedAt: "2023-05-09T22:00:00+08:00",
                            guardians: [
                                Person(name: "Tom Lee", idType: .passport, idNumber: "E12345678")
                            ]
                        )
                    ),
                ]
            )
            return try body(store)
        }
    }

    @Test func anApplicationIdFindsItsApplication() throws {
        try Self.withFamilies { store throws in
            #expect(try store.applicationIds(matching: "A001") == ["A001"])
            #expect(try store.applicationIds(matching: " B001\n") == ["B001"])
        }
    }

    @Test func aRegistrationNoFindsEveryChildOfTheAccount() throws {
        try Self.withFamilies { store throws in
            #expect(try store.applicationIds(matching: "  R100 ") == ["A001", "A002"])
            #expect(try store.applicationIds(matching: "R200") == ["B001"])
        }
    }

    @Test(arguments: [
        // A guardian on both children, in its 15-digit form.
        ("320583800101123", ["A001", "A002"]),
        ("32058319820202203x", ["A001"]),
        ("3205 8320 1505 0556 77", ["A001"]),
        (" 32058319880606605x ", ["A001"]),
        ("320583201204044560", ["A001"]),
        ("e12345678", ["B001"]),
        ("320583198503033453", []),
        ("R300", []),
        ("   ", []),
    ])
    func anIDNumberInAnyFormFindsEveryApplicationNamingThePerson(
        query: String,
        expected: [String]
    ) throws {
        try Self.withFamilies { store throws in
            #expect(try store.applicationIds(matching: query) == expected)
        }
    }

    @Test func aWithdrawnApplicationIsFoundByThePeopleOfItsEarlierVersions() throws {
        try withTemporaryDirectory { directory in
            let store = try MatcherStore(path: directory.databasePath)
            let first = try Self.run(
                store,
                day: "2023-05-10",
                versions: [try Self.stored(Self.application("A001"))]
            )
            let second = try Self.run(
                store,
                day: "2023-05-11",
                versions: [
                    try Self.stored(Self.application("A001", version: 2, status: .withdrawn))
                ]
            )
            #expect(try store.applicationIds(matching: Self.siblingID) == ["A001"])
            let before = try #require(try store.applicationVersion("A001", atRun: first))
            let after = try #require(try store.applicationVersion("A001", atRun: second))
            #expect(before.version == 1)
            #expect(before.status == "submitted")
            #expect(after.version == 2)
            #expect(after.status == "withdrawn")
        }
    }

    @Test func theVersionAtARunIsTheNewestStoredByThen() throws {
        try withTemporaryDirectory { directory in
            let store = try MatcherStore(path: directory.databasePath)
            let empty = try Self.run(store, day: "2023-05-09")
            let first = try Self.run(
                store,
                day: "2023-05-10",
                versions: [try Self.stored(Self.application("A001"))]
            )
            let quiet = try Self.run(store, day: "2023-05-11")
            try Self.run(
                store,
                day: "2023-05-12",
                versions: [try Self.stored(Self.application("A001", version: 2))]
            )
            #expect(try store.applicationVersion("A001", atRun: empty) == nil)
            #expect(try store.applicationVersion("A001", atRun: first)?.version == 1)
            #expect(try store.applicationVersion("A001", atRun: quiet)?.version == 1)
            #expect(try store.applicationVersion("A001", atRun: quiet + 1)?.version == 2)
            #expect(try store.applicationVersion("A999", atRun: quiet + 1) == nil)
        }
    }

    @Test func theLatestRunIdIsTheHighest() throws {
        try withTemporaryDirectory { directory in
            let store = try MatcherStore(path: directory.databasePath)
            #expect(try store.latestRunId() == nil)
            try Self.run(store, day: "2023-05-10")
            let running = try store.beginRun(
                startedAt: "2023-05-11T02:00:00+08:00",
                asOf: "2023-05-11"
            )
            #expect(try store.latestRunId() == running)
        }
    }

    @Test func deliveriesOfASourceAreListedNewestRunFirstUpToTheRun() throws {
        try withTemporaryDirectory { directory in
            let store = try MatcherStore(path: directory.databasePath)
            let early = DeliveryUse(
                source: "registry",
                date: "2023-05-01",
                path: "/d/registry/2023-05-01",
                fingerprint: "aa"
            )
            let late = DeliveryUse(
                source: "registry",
                date: "2023-05-10",
                path: "/d/registry/2023-05-10",
                fingerprint: "bb"
            )
            let hrss = DeliveryUse(
                source: "hrss",
                date: "2023-05-10",
                path: "/d/hrss/2023-05-10",
                fingerprint: "cc"
            )
            let first = try Self.run(store, day: "2023-05-09", deliveries: [early, hrss])
            let second = try Self.run(store, day: "2023-05-10", deliveries: [early])
            let third = try Self.run(store, day: "2023-05-11", deliveries: [late, hrss])
            let upToSecond = try store.deliveries(of: "registry", usedUpTo: second)
            #expect(
                upToSecond == [
                    RunDelivery(runId: second, delivery: early),
                    RunDelivery(runId: first, delivery: early),
                ]
            )
            let all = try store.deliveries(of: "registry", usedUpTo: third)
            #expect(all.map(\.runId) == [third, second, first])
            #expect(all.first?.delivery == late)
            #expect(
                try store.deliveries(of: "hrss", usedUpTo: third).map(\.runId) == [third, first]
            )
            #expect(try store.deliveries(of: "medical", usedUpTo: third).isEmpty)
        }
    }

    @Test func aDocumentThatDoesNotDecodeIsFoundByIdAlone() throws {
        try withTemporaryDirectory { directory in
            let store = try MatcherStore(path: directory.databasePath)
            let broken = StoredApplication(
                applicationId: "A001",
                version: 1,
                status: "submitted",
                registrationNo: "R100",
                submittedAt: "2023-05-09T20:15:00+08:00",
                document: Data(#"{"guardians": "\#(Self.guardianID)"}"#.utf8)
            )
            try Self.run(store, day: "2023-05-10", versions: [broken])
            #expect(try store.applicationIds(matching: "A001") == ["A001"])
            #expect(try store.applicationIds(matching: Self.guardianID).isEmpty)
        }
    }

    @Test func aStoreAtSchemaTwoIsBackfilledWhenOpened() throws {
        try withTemporaryDirectory { directory in
            let document = try Self.stored(Self.application("A001")).document
            do {
                let old = try SQLiteConnection(path: directory.databasePath)
                try old.transaction {
                    try old.execute(StoreSchema.migrations[0].sql)
                    try old.execute(StoreSchema.migrations[1].sql)
                    try old.setUserVersion(2)
                    try old.execute(
                        """
                        INSERT INTO runs (id, started_at, as_of, status)
                        VALUES (1, '2023-05-10T02:00:00+08:00', '2023-05-10', 'succeeded')
                        """
                    )
                    let insert = try old.prepare(
                        """
                        INSERT INTO application_versions
                            (application_id, version, registration_no, status, submitted_at,
                             document, first_run_id)
                        VALUES (?, 1, 'R100', 'submitted', '2023-05-09T20:15:00+08:00', ?, 1)
                        """
                    )
                    try insert.run([
                        .text("A001"), .text(String(decoding: document, as: UTF8.self)),
                    ])
                    try insert.run([.text("A002"), .text("not json")])
                }
            }
            let store = try MatcherStore(path: directory.databasePath)
            #expect(try store.database.userVersion() == StoreSchema.migrations.count)
            #expect(try store.applicationIds(matching: "320583800101123") == ["A001"])
            #expect(try store.applicationIds(matching: Self.ownerID) == ["A001"])
            #expect(try store.applicationIds(matching: "R100") == ["A001", "A002"])
            let keys = try scalarInt(store.database, "SELECT COUNT(*) FROM application_people")
            // Student, two guardians (one also the points subject), a sibling, the owner.
            #expect(keys == 5)
        }
    }
}
