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
    /// Contributions by the personal number they were paid under.
    var contributions = ContributionStore()
    public var refusedRows: [RefusedRow] = []
    /// ID keys and personal numbers that a refused row belonged to: what the delivery holds
    /// for them is incomplete, so they get no final result from it.
    public var unreliableIDKeys: Set<String> = []
    public var unreliableNumbers: Set<String> = []

    /// The evidence for one ID number, in the order the department delivered it; nil when
    /// a refused row belonged to this person, so the result waits for a clean delivery.
    public func evidence(forIDKey key: String) -> DepartmentEvidence? {
        guard unreliableIDKeys.isEmpty || !unreliableIDKeys.contains(key) else { return nil }
        let persons = personsByIDKey[key] ?? []
        var contributions: [ContributionPeriod] = []
        if persons.count == 1 {
            // One person, as nearly everyone is: their contributions, with no copy.
            let number = persons[0].personalNumber
            guard !unreliableNumbers.contains(number) else { return nil }
            contributions = self.contributions.periods(of: number)
        } else {
            var seen = Set<String>()
            for person in persons where seen.insert(person.personalNumber).inserted {
                guard !unreliableNumbers.contains(person.personalNumber) else { return nil }
                contributions += self.contributions.periods(of: person.personalNumber)
            }
        }
        return DepartmentEvidence(
            department: department,
            persons: persons,
            contributions: contributions,
            snapshotMonth: delivery.folder.date.yearMonth
        )
    }

    /// Reads a department's delivery, keeping the persons with one of `idKeys` and their
    /// contributions; `progress` hears how many rows of each file were read.
    ///
    /// - Throws: when a file is missing, unreadable, or disagrees with the manifest: the
    ///   delivery is then not used at all.
    public static func load(
        _ department: Department,
        from folder: DeliveryFolder,
        mapping: FeedMapping,
        idKeys: Set<String>,
        progress: RowProgressHandler? = nil
    ) throws(FeedError) -> InsuranceSnapshot {
        let delivery = try VerifiedDelivery.open(folder, files: mapping.files.keys.sorted())
        var snapshot = InsuranceSnapshot(department: department, delivery: delivery)
        var wantedNumbers = Set<String>()
        let personRows = try snapshot.readPersons(
            mapping: mapping,
            idKeys: idKeys,
            wantedNumbers: &wantedNumbers,
            progress: progress
        )
        let contributionRows: Int
        do {
            contributionRows = try snapshot.readContributions(
                mapping: mapping,
                wantedNumbers: wantedNumbers,
                progress: progress
            )
        } catch {
            // The persons' refused rows belong to the refused delivery as much as these.
            var error = error
            error.refusedRows = Array(
                (snapshot.refusedRows + error.refusedRows).prefix(FeedError.maximumListedRows)
            )
            error.refusedRowCount += snapshot.refusedRows.count
            throw error
        }
        snapshot.delivery.rows = ["persons.csv": personRows, "contributions.csv": contributionRows]
        return snapshot
    }

    private mutating func readPersons(
        mapping: FeedMapping,
        idKeys: Set<String>,
        wantedNumbers: inout Set<String>,
        progress: RowProgressHandler?
    ) throws(FeedError) -> Int {
        var table = try delivery.table("persons.csv", mapping: mapping)
        let number = table.position(of: "personalNumber")
        let name = table.position(of: "name")
        let idNumber = table.position(of: "idNumber")
        let status = table.columnIndex["accountStatus"]
        let decoder = table.decoder
        let normalStatuses = Set(mapping.codes?.normalAccountStatuses ?? ["正常"])
        var refused: [RefusedRow] = []
        var unreliable: Set<String> = []
        var kept: [String: [InsuredPerson]] = [:]
        let wantedKeys = ByteKeySet(idKeys)
        let rows = try table.forEachRow(
            expected: delivery.entry("persons.csv"),
            refused: &refused,
            progress: progress,
            trace: { record in
                guard let raw = record.traceableText(idNumber, decoder) else { return false }
                unreliable.insert(MatchRules.lookupKey(of: raw, as: .resident))
                return true
            },
            passOver: { line in
                Self.isSurelyUnwanted(residentNumber: line.field(idNumber), keys: wantedKeys)
            }
        ) { record throws(RowRefusal) in
            // Most rows are someone no application names: settled from the bytes.
            if Self.isSurelyUnwanted(residentNumber: record.bytes(idNumber), keys: wantedKeys) {
                return false
            }
            let rawID = try record.text(idNumber, decoder, column: "idNumber")
            guard !rawID.isEmpty else { throw RowRefusal(reason: "idNumber is empty") }
            let key = MatchRules.lookupKey(of: rawID, as: .resident)
            // The byte set holds the very keys of `idKeys`, and answers without hashing a
            // string.
            guard wantedKeys.contains(key) else { return false }
            try RowRefusal.checkIDNumber(rawID, column: "idNumber")
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
            kept[key, default: []].append(person)
            wantedNumbers.insert(personalNumber)
            return true
        }
        personsByIDKey = kept
        refusedRows += refused
        unreliableIDKeys.formUnion(unreliable.intersection(idKeys))
        delivery.rowsKept += kept.values.reduce(0) { $0 + $1.count }
        return rows
    }

    private mutating func readContributions(
        mapping: FeedMapping,
        wantedNumbers: Set<String>,
        progress: RowProgressHandler?
    ) throws(FeedError) -> Int {
        var table = try delivery.table("contributions.csv", mapping: mapping)
        let owner = table.position(of: "personalNumber")
        let type = table.position(of: "insuranceType")
        let first = table.position(of: "firstMonth")
        let last = table.position(of: "lastMonth")
        let region = table.position(of: "region")
        let decoder = table.decoder
        var refused: [RefusedRow] = []
        var unreliable: Set<String> = []
        var kept = ContributionStore()
        let wanted = RememberingKeyLookup(ByteKeySet(wantedNumbers))
        let rows = try table.forEachRow(
            expected: delivery.entry("contributions.csv"),
            refused: &refused,
            progress: progress,
            trace: { record in
                guard let number = record.traceableText(owner, decoder) else { return false }
                unreliable.insert(number)
                return true
            },
            passOver: { line in wanted.containsPlain(line.field(owner)) == false }
        ) { record throws(RowRefusal) in
            let isWanted = wanted.containsPlain(record.bytes(owner))
            if isWanted == false {
                return false
            }
            // A wanted row of plain values, as nearly all are, is read from its bytes.
            if isWanted == true,
                let period = Self.plainPeriod(
                    record,
                    owner: owner,
                    type: type,
                    first: first,
                    last: last,
                    region: region
                )
            {
                kept.append(period)
                return true
            }
            let personalNumber = try record.text(owner, decoder, column: "personalNumber")
            // A row without its owner could be anyone's: it cannot be passed over as no one's.
            guard !personalNumber.isEmpty else {
                throw RowRefusal(reason: "personalNumber is empty")
            }
            guard wantedNumbers.contains(personalNumber) else { return false }
            let period = try Self.period(
                of: personalNumber,
                type: try record.text(type, decoder, column: "insuranceType"),
                first: try record.text(first, decoder, column: "firstMonth"),
                last: try record.text(last, decoder, column: "lastMonth"),
                region: try record.text(region, decoder, column: "region")
            )
            kept.append(period)
            return true
        }
        contributions = kept
        refusedRows += refused
        unreliableNumbers.formUnion(unreliable.intersection(wantedNumbers))
        delivery.rowsKept += kept.count
        return rows
    }

    /// Whether an ID number's bytes are already its lookup key: digits and capitals are
    /// folded already, and only a 15-digit number changes when it is normalised (it is
    /// upgraded to 18 digits); any other number is its own key, valid or not.
    static func isOwnLookupKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count != 15
            && bytes.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }
    }

    /// Whether the bytes of a resident number prove that its lookup key is none of `keys`,
    /// so that its row can be passed over without decoding it; false leaves the row to the
    /// full reading, which decides.
    ///
    /// Besides a number that is its own key, the two forms departments print most often are
    /// settled here: a lower-case check `x`, whose key is the number with `X`, and a legacy
    /// 15-digit number, whose key is its 18-digit upgrade or, when its birth date is not a
    /// real date, the 15 digits themselves. Neither key among `keys` means unwanted.
    static func isSurelyUnwanted(
        residentNumber bytes: UnsafeBufferPointer<UInt8>,
        keys: ByteKeySet
    ) -> Bool {
        // One pass says which of the settled forms the bytes have, if any.
        var digits = 0
        var capitals = 0
        for byte in bytes {
            if byte >= 0x30 && byte <= 0x39 {
                digits += 1
            } else if byte >= 0x41 && byte <= 0x5A {
                capitals += 1
            }
        }
        let count = bytes.count
        if count > 0, digits + capitals == count, count != 15 {
            // Digits and capitals: the number is its own key.
            return !keys.contains(bytes)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 18) { key in
            if count == 18 && digits == 17 && bytes[17] == 0x78 {
                _ = key.initialize(from: bytes)
                key[17] = 0x58
                return !keys.contains(UnsafeBufferPointer(key))
            }
            guard count == 15, digits == 15 else { return false }
            if keys.contains(bytes) { return false }
            _ = UnsafeMutableBufferPointer(rebasing: key[0..<6]).initialize(from: bytes[0..<6])
            key[6] = 0x31
            key[7] = 0x39
            _ = UnsafeMutableBufferPointer(rebasing: key[8..<17]).initialize(from: bytes[6..<15])
            key[17] = IDNumber.residentCheckByte(ofDigits: UnsafeBufferPointer(key))
            return !keys.contains(UnsafeBufferPointer(key))
        }
    }

    /// A contribution row whose values are all plain ASCII and valid, read from its bytes:
    /// the period ``period(of:type:first:last:region:)`` gives for the same row, since such
    /// values decode to themselves and need no trimming. nil leaves the row to the full
    /// reading, which words any refusal.
    static func plainPeriod(
        _ record: CSVRecord,
        owner: Int,
        type: Int,
        first: Int,
        last: Int,
        region: Int
    ) -> ContributionPeriod? {
        let typeBytes = record.bytes(type)
        let regionBytes = record.bytes(region)
        guard CSVRecord.isPlainASCII(typeBytes), regionBytes.count == 6,
            regionBytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let firstMonth = plainMonth(record.bytes(first))
        else { return nil }
        var lastMonth: YearMonth?
        let lastBytes = record.bytes(last)
        if !lastBytes.isEmpty {
            guard let month = plainMonth(lastBytes), month >= firstMonth else { return nil }
            lastMonth = month
        }
        return ContributionPeriod(
            personalNumber: String(decoding: record.bytes(owner), as: UTF8.self),
            insuranceType: String(decoding: typeBytes, as: UTF8.self),
            firstMonth: firstMonth,
            lastMonth: lastMonth,
            region: String(decoding: regionBytes, as: UTF8.self)
        )
    }

    /// `YYYYMM` as six ASCII digits naming a real month.
    private static func plainMonth(_ bytes: UnsafeBufferPointer<UInt8>) -> YearMonth? {
        guard bytes.count == 6 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return YearMonth(year: value / 100, month: value % 100)
    }

    /// Checks one contribution row's values; every failure names the column.
    static func period(
        of personalNumber: String,
        type: String,
        first: String,
        last: String,
        region: String
    ) throws(RowRefusal) -> ContributionPeriod {
        guard !type.isEmpty else { throw RowRefusal(reason: "insuranceType is empty") }
        guard let firstMonth = YearMonth(first) else {
            throw RowRefusal(reason: "firstMonth is not a month of the form YYYYMM")
        }
        var lastMonth: YearMonth?
        if !last.isEmpty {
            guard let month = YearMonth(last) else {
                throw RowRefusal(reason: "lastMonth is not a month of the form YYYYMM")
            }
            guard month >= firstMonth else {
                throw RowRefusal(reason: "lastMonth is before firstMonth")
            }
            lastMonth = month
        }
        guard region.count == 6, region.allSatisfy(\.isASCII), region.allSatisfy(\.isNumber)
        else {
            throw RowRefusal(reason: "region is not a 6-digit region code")
        }
        return ContributionPeriod(
            personalNumber: personalNumber,
            insuranceType: type,
            firstMonth: firstMonth,
            lastMonth: lastMonth,
            region: region
        )
    }
}
