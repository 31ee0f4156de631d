import MatcherCore

/// What one insurance department's delivery holds for the ID numbers a run needs.
///
/// Only rows whose keys some application needs are kept, so memory grows with the number
/// of applications, not with the size of the delivery.
public struct InsuranceSnapshot: Sendable {
    public var department: Department
    public var delivery: VerifiedDelivery
    /// Persons by the lookup key of their ID number (see ``MatchRules/lookupKey(of:as:)``).
    public var personsByIDKey: [String: [InsuredPerson]] = [:]
    public var contributionsByNumber: [String: [ContributionPeriod]] = [:]
    public var refusedRows: [RefusedRow] = []

    /// The evidence for one ID number, in the order the department delivered it.
    public func evidence(forIDKey key: String) -> DepartmentEvidence {
        let persons = personsByIDKey[key] ?? []
        var seen = Set<String>()
        var contributions: [ContributionPeriod] = []
        for person in persons where seen.insert(person.personalNumber).inserted {
            contributions += contributionsByNumber[person.personalNumber] ?? []
        }
        return DepartmentEvidence(
            department: department,
            persons: persons,
            contributions: contributions,
            snapshotMonth: delivery.folder.date.yearMonth
        )
    }

    /// Reads a department's delivery, keeping the persons with one of `idKeys` and their
    /// contributions.
    ///
    /// - Throws: when a file is missing, unreadable, or disagrees with the manifest: the
    ///   delivery is then not used at all.
    public static func load(
        _ department: Department,
        from folder: DeliveryFolder,
        mapping: FeedMapping,
        idKeys: Set<String>
    ) throws(FeedError) -> InsuranceSnapshot {
        let delivery = try VerifiedDelivery.open(folder, files: mapping.files.keys.sorted())
        var snapshot = InsuranceSnapshot(department: department, delivery: delivery)
        let normalStatuses = Set(mapping.codes?.normalAccountStatuses ?? ["正常"])

        var persons = try delivery.table("persons.csv", mapping: mapping)
        let number = persons.position(of: "personalNumber")
        let name = persons.position(of: "name")
        let idNumber = persons.position(of: "idNumber")
        let status = persons.columnIndex["accountStatus"]
        let decoder = persons.decoder
        var wantedNumbers = Set<String>()
        var personsKept = 0
        let personRows = try persons.forEachRow(
            expected: delivery.entry("persons.csv"),
            refused: &snapshot.refusedRows
        ) { record throws(RowRefusal) in
            let rawID = try record.text(idNumber, decoder, column: "idNumber")
            let key = MatchRules.lookupKey(of: rawID, as: .resident)
            guard idKeys.contains(key) else { return }
            let personalNumber = try record.text(number, decoder, column: "personalNumber")
            guard !personalNumber.isEmpty else {
                throw RowRefusal(reason: "personalNumber is empty")
            }
            var accountStatus: String?
            if let status {
                accountStatus = try record.text(status, decoder, column: "accountStatus")
            }
            let person = InsuredPerson(
                personalNumber: personalNumber,
                name: try record.text(name, decoder, column: "name"),
                idNumber: rawID,
                accountStatus: accountStatus,
                accountIsNormal: accountStatus.map(normalStatuses.contains) ?? true
            )
            snapshot.personsByIDKey[key, default: []].append(person)
            wantedNumbers.insert(personalNumber)
            personsKept += 1
        }

        var contributions = try delivery.table("contributions.csv", mapping: mapping)
        let owner = contributions.position(of: "personalNumber")
        let type = contributions.position(of: "insuranceType")
        let first = contributions.position(of: "firstMonth")
        let last = contributions.position(of: "lastMonth")
        let region = contributions.position(of: "region")
        let contributionDecoder = contributions.decoder
        var contributionsKept = 0
        let contributionRows = try contributions.forEachRow(
            expected: delivery.entry("contributions.csv"),
            refused: &snapshot.refusedRows
        ) { record throws(RowRefusal) in
            let personalNumber = try record.text(
                owner,
                contributionDecoder,
                column: "personalNumber"
            )
            guard wantedNumbers.contains(personalNumber) else { return }
            let firstText = try record.text(first, contributionDecoder, column: "firstMonth")
            guard let firstMonth = YearMonth(firstText) else {
                throw RowRefusal(reason: "firstMonth is not a month of the form YYYYMM")
            }
            let lastText = try record.text(last, contributionDecoder, column: "lastMonth")
            var lastMonth: YearMonth?
            if !lastText.isEmpty {
                guard let month = YearMonth(lastText) else {
                    throw RowRefusal(reason: "lastMonth is not a month of the form YYYYMM")
                }
                guard month >= firstMonth else {
                    throw RowRefusal(reason: "lastMonth is before firstMonth")
                }
                lastMonth = month
            }
            let period = ContributionPeriod(
                personalNumber: personalNumber,
                insuranceType: try record.text(type, contributionDecoder, column: "insuranceType"),
                firstMonth: firstMonth,
                lastMonth: lastMonth,
                region: try record.text(region, contributionDecoder, column: "region")
            )
            snapshot.contributionsByNumber[personalNumber, default: []].append(period)
            contributionsKept += 1
        }
        snapshot.delivery.rows = ["persons.csv": personRows, "contributions.csv": contributionRows]
        snapshot.delivery.rowsKept = personsKept + contributionsKept
        return snapshot
    }
}
