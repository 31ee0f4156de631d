import Foundation
import MatcherCore
import MatcherStore
import Testing

@testable import MatcherSync

/// An export line made from a stored document's bytes is the line that decoding and
/// encoding the document gives.
@Suite struct ResultExportLineTests {
    static func encodedLine(of stored: StoredResult) throws -> Data {
        let result = try JSONDecoder().decode(MatchResult.self, from: stored.document)
        return try ResultExport.encoder.encode(
            ResultExport.Line(
                applicationId: result.applicationId,
                version: result.version,
                runId: String(stored.runId),
                matchedAt: stored.matchedAt,
                socialInsurance: result.socialInsurance,
                property: result.property
            )
        )
    }

    static func stored(_ result: MatchResult, document: Data? = nil) throws -> StoredResult {
        StoredResult(
            applicationId: result.applicationId,
            version: result.version,
            runId: 42,
            matchedAt: "2023-05-10T02:00:00+08:00",
            socialInsuranceOutcome: result.socialInsurance.outcome.rawValue,
            propertyOutcome: result.property.outcome.rawValue,
            document: try document ?? result.canonicalJSON(),
            inputs: nil
        )
    }

    static let messages = ["如有问题请到社保部门核实", #"a "quoted" {brace}, [bracket]"#]

    static let results: [MatchResult] = [
        MatchResult(
            applicationId: "A2023-0001",
            version: 1,
            socialInsurance: SocialInsuranceResult(
                outcome: .matched,
                problems: [],
                parentMessages: [messages[0]],
                months: InsuranceMonths(byType: ["pension": ["recent": 36, "earlier": 8]]),
                points: 66.67
            ),
            property: PropertyResult(
                outcome: .matched,
                problems: [],
                parentMessages: [messages[1]],
                registeredOn: CalendarDate(year: 2022, month: 2, day: 15),
                monthsOwned: 14,
                points: 41.17
            )
        ),
        MatchResult(
            applicationId: #"odd"id\"#,
            version: 2,
            socialInsurance: SocialInsuranceResult(
                outcome: .pending,
                problems: [],
                parentMessages: messages,
                months: nil,
                points: nil
            ),
            property: PropertyResult(outcome: .notDeclared, problems: [], parentMessages: [])
        ),
    ]

    @Test(arguments: results)
    func splicedLineIsTheEncodedLine(result: MatchResult) throws {
        let stored = try Self.stored(result)
        let spliced = try #require(ResultExport.splicedLine(of: stored))
        #expect(spliced == (try Self.encodedLine(of: stored)))
    }

    @Test func aDocumentOfAnotherShapeTakesTheLongWay() throws {
        let result = Self.results[0]
        // Keys in another order, as a store written by other code could hold them.
        let document = Data(
            #"{"version":1,"applicationId":"A2023-0001","property":{"monthsOwned":null,"outcome":"PR_NOT_DECLARED","parentMessages":[],"points":null,"problems":[],"registeredOn":null},"socialInsurance":{"months":null,"outcome":"SI_PENDING","parentMessages":[],"points":null,"problems":[]}}"#
                .utf8
        )
        let stored = try Self.stored(result, document: document)
        #expect(ResultExport.splicedLine(of: stored) == nil)
        #expect(try ResultExport.line(of: stored) == Self.encodedLine(of: stored))
    }
}
