import Foundation
import MatcherFeeds
import Testing

@testable import MatcherGenerator

@Suite struct ManifestTests {
    @Test func manifestsAgreeWithTheirFiles() throws {
        let night = try GeneratedNight(seed: 2)
        let expected: [String: (TextEncoding, [String])] = [
            "hrss": (.gb18030, ["contributions.csv", "persons.csv"]),
            "medical": (.utf8, ["contributions.csv", "persons.csv"]),
            "registry": (.utf8, ["certificates.csv"]),
        ]
        for (source, (encoding, files)) in expected {
            let manifest = try DeliveryManifest.load(from: night.delivery(source, "manifest.json"))
            #expect(manifest.encoding == encoding)
            #expect(manifest.files.keys.sorted() == files)
            for file in files {
                let path = night.delivery(source, file)
                let entry = try #require(manifest.files[file])
                #expect(entry.sha256 == (try SHA256Hasher.hex(ofFileAt: path)))
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                let lineBreaks = bytes.filter { $0 == 0x0A }.count
                #expect(entry.rows == lineBreaks - 1, "\(source)/\(file) rows")
                // The whole file reads in the encoding its manifest names.
                _ = try encoding.decode([UInt8](bytes))
            }
        }
    }

    @Test func encodingsCanBeChosenPerSource() throws {
        let night = try GeneratedNight(seed: 2) { configuration in
            configuration.encodings = ["hrss": .utf8, "registry": .gb18030]
        }
        let hrss = try DeliveryManifest.load(from: night.delivery("hrss", "manifest.json"))
        let registry = try DeliveryManifest.load(from: night.delivery("registry", "manifest.json"))
        #expect(hrss.encoding == .utf8)
        #expect(registry.encoding == .gb18030)
        let rows = try night.rows("registry", "certificates.csv", encoding: .gb18030)
        #expect(rows.allSatisfy { $0.count == 9 })
    }

    @Test func nightFileCountsWhatWasWritten() throws {
        let night = try GeneratedNight(seed: 2)
        let data = try Data(contentsOf: URL(fileURLWithPath: night.file("night.json")))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["seed"] as? Int == 2)
        #expect(object["asOf"] as? String == "2023-05-10")
        let counts = try #require(object["counts"] as? [String: Any])
        let rows = try #require(counts["rows"] as? [String: Int])
        #expect(rows["applications.jsonl"] == 300)
        #expect(rows["truth.jsonl"] == 300)
        let certificates = try night.rows("registry", "certificates.csv")
        #expect(rows["deliveries/registry/2023-05-10/certificates.csv"] == certificates.count)
    }
}
