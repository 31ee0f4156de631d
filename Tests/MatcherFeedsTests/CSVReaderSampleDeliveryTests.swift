import Foundation
import MatcherFeeds
import Testing

@Suite("Sample deliveries")
struct CSVReaderSampleDeliveryTests {
    @Test(arguments: SampleDeliveries.csvFiles)
    func rowCountAndChecksumMatchTheManifest(_ file: String) throws {
        let path = "\(SampleDeliveries.deliveries)/\(file)"
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let manifest = try DeliveryManifest.load(
            from: folder.appendingPathComponent("manifest.json").path
        )
        let entry = try #require(manifest.files[URL(fileURLWithPath: path).lastPathComponent])
        let reader = try CSVReader(path: path)
        var dataRows = -1

        while try reader.nextRecord() != nil {
            dataRows += 1
        }

        #expect(dataRows == entry.rows)
        #expect(reader.sha256Hex == entry.sha256)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        #expect(reader.byteCount == size)
    }

    @Test(
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum")),
        arguments: SampleDeliveries.csvFiles
    )
    func checksumEqualsSha256sum(_ file: String) throws {
        let path = "\(SampleDeliveries.deliveries)/\(file)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let printed = String(decoding: output, as: UTF8.self).prefix(64)

        #expect(try SHA256Hasher.hex(ofFileAt: path) == String(printed))
    }

    @Test
    func headerAndNamesDecodeFromTheSample() throws {
        let path = "\(SampleDeliveries.deliveries)/hrss/2023-05-10/persons.csv"
        let reader = try CSVReader(path: path)
        let decoder = try FieldDecoder(encoding: .utf8)

        let header = try #require(try reader.nextRecord())
        #expect(try header.strings(decoder: decoder) == ["个人编号", "姓名", "公民身份号码"])
        let first = try #require(try reader.nextRecord())
        #expect(try first.string(0, decoder: decoder) == "SB0001")
        #expect(first.line == 2)
    }
}
