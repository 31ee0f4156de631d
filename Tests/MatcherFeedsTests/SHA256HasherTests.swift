import Foundation
import MatcherFeeds
import Testing

@Suite("SHA-256")
struct SHA256HasherTests {
    // The FIPS 180-2 test vectors.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func knownVectorsHashCorrectly(input: String, expected: String) throws {
        let hasher = try SHA256Hasher()

        hasher.update(Array(input.utf8))

        #expect(try hasher.finalizeHex() == expected)
    }

    @Test
    func piecewiseUpdatesEqualOneUpdate() throws {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let whole = try SHA256Hasher()
        let pieces = try SHA256Hasher()

        whole.update(bytes)
        for start in stride(from: 0, to: bytes.count, by: 7) {
            pieces.update(Array(bytes[start..<min(start + 7, bytes.count)]))
        }

        #expect(try pieces.finalize() == whole.finalize())
    }

    @Test
    func finalizeTwiceGivesTheSameDigest() throws {
        let hasher = try SHA256Hasher()
        hasher.update(Array("abc".utf8))

        let first = try hasher.finalize()

        #expect(try hasher.finalize() == first)
        #expect(first.count == 32)
    }

    @Test(arguments: [1, 3, 1 << 20])
    func fileHashMatchesHashOfItsBytes(chunkSize: Int) throws {
        let directory = try CSVTestDirectory()
        let bytes = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let path = try directory.write(bytes)
        let hasher = try SHA256Hasher()
        hasher.update(bytes)

        #expect(try SHA256Hasher.hex(ofFileAt: path, chunkSize: chunkSize) == hasher.finalizeHex())
    }

    @Test
    func missingFileNamesThePath() throws {
        let error = try #require(throws: FeedReadError.self) {
            _ = try SHA256Hasher.hex(ofFileAt: "/nonexistent-feeds-dir/x.csv")
        }

        #expect(error.code == .fileNotFound)
        #expect(error.message.contains("/nonexistent-feeds-dir/x.csv"))
    }
}

@Suite struct NamedPipeReadingTests {
    /// A named pipe in a delivery that no program writes to must not hold the run, and the
    /// store's lock, forever: it is refused as no regular file, without waiting for a writer.
    @Test(.timeLimit(.minutes(1)))
    func pipeIsRefusedWithoutWaitingForAWriter() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("pipe-\(ProcessInfo.processInfo.globallyUniqueString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("persons.csv").path
        try #require(mkfifo(pipe, 0o600) == 0)

        let error = try #require(throws: FeedReadError.self) {
            try SHA256Hasher.hex(ofFileAt: pipe)
        }

        #expect(error.code == .notARegularFile)
        #expect(error.message.contains("\(pipe) is not a regular file"))
    }
}
