import Foundation
import Testing

@testable import MatcherGenerator

@Suite struct DeterminismTests {
    @Test func sameSeedWritesTheSameBytes() throws {
        let first = try GeneratedNight(seed: 7)
        let second = try GeneratedNight(seed: 7)
        let files = try first.files()
        #expect(try second.files() == files)
        #expect(files.count == 11)
        for name in files {
            let left = try Data(contentsOf: URL(fileURLWithPath: first.file(name)))
            let right = try Data(contentsOf: URL(fileURLWithPath: second.file(name)))
            #expect(left == right, "\(name) differs between two runs of seed 7")
        }
    }

    @Test func anotherSeedWritesAnotherNight() throws {
        let first = try GeneratedNight(seed: 7)
        let second = try GeneratedNight(seed: 8)
        for name in ["applications.jsonl", "deliveries/hrss/2023-05-10/persons.csv"] {
            let left = try Data(contentsOf: URL(fileURLWithPath: first.file(name)))
            let right = try Data(contentsOf: URL(fileURLWithPath: second.file(name)))
            #expect(left != right, "\(name) is the same for seeds 7 and 8")
        }
    }

    @Test func oneThreadWritesWhatTwoThreadsWrite() throws {
        let two = try GeneratedNight(seed: 3)
        let one = try GeneratedNight(seed: 3) { $0.threads = 1 }
        for name in try two.files() {
            let left = try Data(contentsOf: URL(fileURLWithPath: two.file(name)))
            let right = try Data(contentsOf: URL(fileURLWithPath: one.file(name)))
            #expect(left == right, "\(name) depends on the number of threads")
        }
    }

    @Test(arguments: [1, 2, 3, 10, 997, 4096, 12_345])
    func shuffleIsAPermutationWithItsInverse(count: Int) {
        let shuffle = IndexShuffle(count: count, hash: 0x1234_5678)
        var seen = Set<Int>()
        for index in 0..<count {
            let image = shuffle.apply(index)
            #expect((0..<count).contains(image))
            #expect(shuffle.invert(image) == index)
            seen.insert(image)
        }
        #expect(seen.count == count)
    }
}
