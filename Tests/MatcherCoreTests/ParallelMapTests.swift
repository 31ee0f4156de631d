import MatcherCore
import Testing

@Suite struct ParallelMapTests {
    @Test(arguments: [0, 1, 7, 511, 512, 513, 10_000])
    func resultsKeepTheOrderOfTheElements(count: Int) {
        let numbers = Array(0..<count)
        #expect(numbers.parallelMap { $0 * 3 } == numbers.map { $0 * 3 })
    }

    @Test func aSliceIsMappedByItsOwnIndices() {
        let numbers = Array(0..<5_000)
        let slice = numbers[1_234..<4_321]
        #expect(slice.parallelMap(minimumSlice: 10) { $0 + 1 } == slice.map { $0 + 1 })
    }

    @Test(arguments: [1, 3, 4096])
    func slicesCoverEveryElementOnce(size: Int) {
        let numbers = Array(0..<10_001)
        let slices = numbers.slices(of: size)
        #expect(slices.flatMap { $0 } == numbers)
        #expect(slices.dropLast().allSatisfy { $0.count == size })
    }
}
