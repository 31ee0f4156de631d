import Foundation
import MatcherCore
import Testing

@testable import MatcherFeeds

/// How often a delivery file's reading reports the rows read.
@Suite struct RowProgressTests {
    let mappings = URL(fileURLWithPath: SampleDeliveries.deliveries)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("mappings").path

    /// A registry delivery of `rows` copies of one row, with its manifest.
    func registryDelivery(rows: Int, in directory: CSVTestDirectory) throws -> DeliveryFolder {
        let header = "证书类型,产权证号,权利人,权利人证件号,共有方式,规划用途,坐落,登记时间,权属状态\n"
        let row = "不动产权证,苏(2022)昆山市不动产权第0100001号,周建国,X,单独所有,住宅,春晖花园1幢101室,2022-02-15,现势\n"
        let path = try directory.write(
            header + String(repeating: row, count: rows),
            named: "certificates.csv"
        )
        let manifest: [String: Any] = [
            "encoding": "UTF-8",
            "files": [
                "certificates.csv": ["rows": rows, "sha256": try SHA256Hasher.hex(ofFileAt: path)]
            ],
        ]
        let data = try JSONSerialization.data(withJSONObject: manifest)
        _ = try directory.write(Array(data), named: "manifest.json")
        let date = try #require(CalendarDate("2023-05-10"))
        return DeliveryFolder(source: "registry", date: date, path: directory.path)
    }

    @Test func aFileReportsItsStartEveryHundredThousandRowsAndItsEnd() throws {
        let directory = try CSVTestDirectory()
        let folder = try registryDelivery(rows: 150_000, in: directory)
        let mapping = try FeedMapping.load(source: "registry", mappingsDirectory: mappings)
        let heard = HeardProgress()
        let snapshot = try RegistrySnapshot.load(
            from: folder,
            mapping: mapping,
            keys: [],
            progress: { heard.append($0) }
        )
        let reports = heard.reports
        #expect(snapshot.delivery.rows["certificates.csv"] == 150_000)
        #expect(reports.map(\.rowsRead) == [0, 100_000, 150_000])
        #expect(reports.allSatisfy { $0.rowsExpected == 150_000 })
        #expect(reports.allSatisfy { $0.file == "registry/2023-05-10/certificates.csv" })
    }

    @Test func readingWithoutAProgressHandlerGivesTheSameSnapshot() throws {
        let directory = try CSVTestDirectory()
        let folder = try registryDelivery(rows: 3, in: directory)
        let mapping = try FeedMapping.load(source: "registry", mappingsDirectory: mappings)
        let snapshot = try RegistrySnapshot.load(from: folder, mapping: mapping, keys: [])
        #expect(snapshot.delivery.rows["certificates.csv"] == 3)
    }

    @Test func aFileBrokenThroughoutKeepsOnlyTheRefusalsThatDecide() throws {
        let directory = try CSVTestDirectory()
        let folder = try registryDelivery(rows: 5_000, in: directory)
        // Every row with a field too many: the first already dooms the delivery.
        let path = folder.path + "/certificates.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        let damaged =
            ([lines[0]] + lines.dropFirst().map { $0 + ",extra" })
            .joined(separator: "\n") + "\n"
        _ = try directory.write(damaged, named: "certificates.csv")
        let manifest: [String: Any] = [
            "encoding": "UTF-8",
            "files": [
                "certificates.csv": [
                    "rows": 5_000, "sha256": try SHA256Hasher.hex(ofFileAt: path),
                ]
            ],
        ]
        let data = try JSONSerialization.data(withJSONObject: manifest)
        _ = try directory.write(Array(data), named: "manifest.json")
        let mapping = try FeedMapping.load(source: "registry", mappingsDirectory: mappings)
        let delivery = try VerifiedDelivery.open(folder, files: ["certificates.csv"])
        var table = try delivery.table("certificates.csv", mapping: mapping)
        var refused: [RefusedRow] = []
        #expect(throws: FeedError.self) {
            try table.forEachRow(
                expected: delivery.entry("certificates.csv"),
                refused: &refused,
                trace: { _ in true }
            ) { _ in true }
        }
        #expect(refused.map(\.line) == [2])
    }
}

/// The reports a handler heard; a handler may be called from the thread reading a file.
private final class HeardProgress: @unchecked Sendable {
    // Unchecked: `lock` guards `heard`.
    private let lock = NSLock()
    private var heard: [RowProgress] = []

    func append(_ progress: RowProgress) {
        lock.withLock { heard.append(progress) }
    }

    var reports: [RowProgress] {
        lock.withLock { heard }
    }
}
