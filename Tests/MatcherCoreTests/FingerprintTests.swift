import Testing

@testable import MatcherCore

/// Fingerprints are stored with every result and compared on later nights, so they must
/// stay the very values they were: the hash of the rows' lines, joined by the unit
/// separator, in sorted order.
@Suite struct FingerprintTests {
    /// The fingerprint as first defined, written the plain way.
    static func reference(_ evidence: DepartmentEvidence) -> String {
        var lines = evidence.persons.map {
            [
                "p", $0.personalNumber, $0.name, $0.idNumber, $0.accountStatus ?? "",
                $0.accountIsNormal ? "1" : "0",
            ].joined(separator: "\u{1F}")
        }
        lines += evidence.contributions.map {
            [
                "c", $0.personalNumber, $0.insuranceType, $0.firstMonth.description,
                $0.lastMonth?.description ?? "", $0.region,
            ].joined(separator: "\u{1F}")
        }
        var hash = StableHash()
        hash.combine(evidence.snapshotMonth.description)
        for line in lines.sorted() {
            hash.combine(line)
        }
        return hash.hex
    }

    static func period(
        _ number: String,
        _ type: String,
        _ first: String,
        _ last: String?,
        _ region: String = "320583"
    ) throws -> ContributionPeriod {
        ContributionPeriod(
            personalNumber: number,
            insuranceType: type,
            firstMonth: try #require(YearMonth(first)),
            lastMonth: try last.map { try #require(YearMonth($0)) },
            region: region
        )
    }

    static func evidence() throws -> [DepartmentEvidence] {
        let snapshot = try #require(YearMonth("202305"))
        let persons = [
            InsuredPerson(
                personalNumber: "1184152104",
                name: "沈东健",
                idNumber: "51162319810416649X"
            ),
            InsuredPerson(
                personalNumber: "3205837950764894",
                name: "沈 东健",
                idNumber: "511623810416649",
                accountStatus: "冻结",
                accountIsNormal: false
            ),
        ]
        let plain = [
            try period("1184152104", "110", "201912", "202111", "320505"),
            try period("1184152104", "110", "202112", nil),
            try period("1184152104", "210", "200901", "200909"),
            try period("118415210", "410", "202001", nil),
        ]
        // A personal number that is not plain ASCII takes the other way.
        let wide = plain + [try period("１１８４", "110", "202001", "202002")]
        return [
            DepartmentEvidence(
                department: .hrss,
                persons: [],
                contributions: [],
                snapshotMonth: snapshot
            ),
            DepartmentEvidence(
                department: .hrss,
                persons: [persons[0]],
                contributions: plain,
                snapshotMonth: snapshot
            ),
            DepartmentEvidence(
                department: .medical,
                persons: persons.reversed(),
                contributions: plain.reversed(),
                snapshotMonth: snapshot
            ),
            DepartmentEvidence(
                department: .hrss,
                persons: persons,
                contributions: wide,
                snapshotMonth: snapshot
            ),
        ]
    }

    @Test func fingerprintIsTheHashOfTheSortedLines() throws {
        for evidence in try Self.evidence() {
            #expect(evidence.fingerprint == Self.reference(evidence))
        }
    }

    @Test func rowOrderDoesNotChangeTheFingerprint() throws {
        let evidence = try Self.evidence()[3]
        var shuffled = evidence
        shuffled.contributions.reverse()
        shuffled.persons.reverse()
        #expect(shuffled.fingerprint == evidence.fingerprint)
        var changed = evidence
        changed.contributions[0].region = "320584"
        #expect(changed.fingerprint != evidence.fingerprint)
    }

    /// A value pinned as the service has always computed it.
    @Test func aKnownEvidenceKeepsItsFingerprint() throws {
        let value = try Self.evidence()[1].fingerprint
        #expect(value == "8f7f99ea79e230e4")
    }

    /// The registry's fingerprint as first defined.
    static func reference(_ rows: [RegisteredOwnership]) -> String {
        let lines = rows.map {
            [
                $0.certificateType.rawValue, $0.printedNumber, $0.ownerName, $0.ownerIdNumber,
                $0.ownershipForm, $0.plannedUse, $0.address, $0.registeredOn.description,
                $0.state,
            ].joined(separator: "\u{1F}")
        }
        var hash = StableHash()
        for line in lines.sorted() {
            hash.combine(line)
        }
        return hash.hex
    }

    @Test func registryFingerprintIsTheHashOfTheSortedLines() throws {
        let row = RegisteredOwnership(
            certificateType: .realEstate,
            printedNumber: "苏(2019)昆山市不动产权第0123456号",
            ownerName: "周梅蕾",
            ownerIdNumber: "320381198806198585",
            ownershipForm: "共同共有",
            plannedUse: "住宅",
            address: "昆山高新区祖冲之路59号紫竹苑12幢104室",
            registeredOn: try #require(CalendarDate("2015-09-11")),
            state: "现势",
            isLive: true,
            isSoleOwnership: false
        )
        var other = row
        other.ownerName = "沈东健"
        other.ownerIdNumber = "51162319810416649X"
        for rows in [[], [row], [row, other], [other, row]] {
            #expect(rows.fingerprint == Self.reference(rows))
        }
    }
}
