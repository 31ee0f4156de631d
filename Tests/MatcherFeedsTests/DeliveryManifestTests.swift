import Foundation
import MatcherFeeds
import Testing

@Suite("Delivery manifests")
struct DeliveryManifestTests {
    private static let hash = String(repeating: "ab", count: 32)
    private static let notHex = String(repeating: "g", count: 64)

    @Test
    func sampleManifestDecodes() throws {
        let path = "\(SampleDeliveries.deliveries)/hrss/2023-05-10/manifest.json"

        let manifest = try DeliveryManifest.load(from: path)

        #expect(manifest.encoding == .utf8)
        #expect(manifest.files.keys.sorted() == ["contributions.csv", "persons.csv"])
        #expect(manifest.files["persons.csv"]?.rows == 21)
        #expect(
            manifest.files["persons.csv"]?.sha256
                == "4033b514638fac6776a82f4244b9eb0a673bb2ce644c21aff244eeebd5fd399e"
        )
    }

    @Test
    func tolerantLabelUppercaseDigestAndUnknownKeysAreAccepted() throws {
        let json = """
            {"encoding": "gbk", "generated": "2023-05-10T02:00:00",
             "files": {"certificates.csv": {"rows": 0, "sha256": "\(Self.hash.uppercased())",
                                            "bytes": 12}}}
            """

        let manifest = try DeliveryManifest.decode(Data(json.utf8))

        #expect(
            manifest
                == DeliveryManifest(
                    encoding: .gb18030,
                    files: ["certificates.csv": .init(rows: 0, sha256: Self.hash)]
                )
        )
    }

    /// A manifest whose only file, `a.csv`, has the given entry body.
    private static func entry(_ body: String) -> String {
        "{\"encoding\": \"UTF-8\", \"files\": {\"a.csv\": {\(body)}}}"
    }

    @Test(arguments: [
        ("{\"files\": {}}", "`encoding`"),
        ("{\"encoding\": \"BIG5\", \"files\": {}}", "BIG5"),
        ("{\"encoding\": 8, \"files\": {}}", "`encoding`"),
        ("{\"encoding\": \"UTF-8\"}", "`files`"),
        ("{\"encoding\": \"UTF-8\", \"files\": []}", "`files`"),
        (entry("\"sha256\": \"\(hash)\""), "`files[\"a.csv\"].rows`"),
        (entry("\"rows\": -1, \"sha256\": \"\(hash)\""), "`files[\"a.csv\"].rows`"),
        (entry("\"rows\": \"21\", \"sha256\": \"\(hash)\""), "`files[\"a.csv\"].rows`"),
        (entry("\"rows\": null, \"sha256\": \"\(hash)\""), "`files[\"a.csv\"].rows`"),
        (entry("\"rows\": 1"), "`files[\"a.csv\"].sha256`"),
        (entry("\"rows\": 1, \"sha256\": \"abc\""), "`files[\"a.csv\"].sha256`"),
        (entry("\"rows\": 1, \"sha256\": \"\(notHex)\""), "`files[\"a.csv\"].sha256`"),
        ("{\"encoding\": \"UTF-8\", ", "not valid JSON: Unexpected end of file"),
        ("", "not valid JSON: it is empty"),
        ("{\"encoding\": \"UTF-8\",\n \"files\" {}}", "near line 2, column 10"),
        (entry("\"rows\": 100000000000000000000, \"sha256\": \"\(hash)\""), "number too large"),
        (
            entry("\"rows\": 1, \"sha256\": \"\(hash)\", \"sha25\\u0036\": \"\(hash)\""),
            "files.a.csv.sha256 twice"
        ),
        ("{\"encoding\": \"UTF-8\", \"encoding\": \"GB18030\", \"files\": {}}", "encoding twice"),
    ])
    func badManifestNamesTheWrongField(json: String, mention: String) throws {
        let error = try #require(throws: FeedReadError.self) {
            _ = try DeliveryManifest.decode(Data(json.utf8), path: "/d/hrss/manifest.json")
        }

        #expect(error.code == .invalidManifest)
        #expect(error.message.contains(mention), "\(error.message)")
        #expect(error.message.contains("/d/hrss/manifest.json"))
        #expect(error.path == "/d/hrss/manifest.json")
    }

    @Test
    func missingManifestFileNamesThePath() throws {
        let directory = try CSVTestDirectory()
        let path = "\(directory.path)/manifest.json"

        let error = try #require(throws: FeedReadError.self) {
            _ = try DeliveryManifest.load(from: path)
        }

        #expect(error.code == .fileNotFound)
        #expect(error.message.contains(path))
    }

    @Test
    func manifestIsLoadedFromDisk() throws {
        let directory = try CSVTestDirectory()
        let json =
            "{\"encoding\": \"GB18030\", \"files\": {\"persons.csv\": "
            + "{\"rows\": 3, \"sha256\": \"\(Self.hash)\"}}}"
        let path = try directory.write(json, named: "manifest.json")

        let manifest = try DeliveryManifest.load(from: path)

        #expect(manifest.encoding == .gb18030)
        #expect(manifest.files["persons.csv"] == .init(rows: 3, sha256: Self.hash))
    }
}
