import MatcherCore

/// One contribution period as a row of `contributions.csv` writes it.
struct Period {
    /// The position of the insurance type among its department's types.
    var typePosition: Int32
    /// Month ordinals (`YearMonth.ordinal`); `last` is -1 while still paying.
    var first: Int32
    var last: Int32
    /// Index into ``Vocabulary/contributionRegions``; 0 is Kunshan.
    var region: Int32
    /// Which of the person's numbers it is paid under (0 or 1).
    var number: Int32
}

/// Reusable storage for one person's periods, so histories cost no allocation per person.
final class PeriodBuffer {
    static let capacity = 64
    private let storage = UnsafeMutablePointer<Period>.allocate(capacity: capacity)
    private(set) var count = 0
    private var flags = UnsafeMutableBufferPointer<Bool>.allocate(capacity: 240)

    deinit {
        storage.deallocate()
        flags.deallocate()
    }

    /// A reusable run of `count` flags, all false: one per month of a window.
    func monthFlags(count: Int) -> UnsafeMutableBufferPointer<Bool> {
        if flags.count < count {
            flags.deallocate()
            flags = .allocate(capacity: count)
        }
        let run = UnsafeMutableBufferPointer(rebasing: flags[0..<count])
        run.initialize(repeating: false)
        return run
    }

    func removeAll() {
        count = 0
    }

    @inline(__always)
    func append(_ period: Period) {
        guard count < Self.capacity else { return }
        storage[count] = period
        count += 1
    }

    @inline(__always)
    subscript(index: Int) -> Period {
        storage[index]
    }
}

/// A person's working life as up to four spells of employment; every department writes its
/// types over the same spells, as employers pay them together.
struct Spells {
    var starts = SIMD4<Int32>(repeating: 0)
    /// -1 for a spell still going on.
    var ends = SIMD4<Int32>(repeating: -1)
    var regions = SIMD4<Int32>(repeating: 0)
    var count = 0
}

extension NightModel {
    /// Spells from about 2005 on: a first job somewhere, moves between employers with gaps,
    /// some spells paid outside Kunshan; the last spell mostly in Kunshan and still going
    /// on at the snapshot, for applicants' parents, who live and work there now, more so.
    func spells(of person: Int, couple: Int? = nil) -> Spells {
        var draws = mixer.draws(.history, person)
        let isParent = (couple ?? population.couple(of: person).couple) < applications
        var spells = Spells()
        let latestEnd = snapshotMonth - 1
        var start = snapshotMonth - 216 + draws.int(below: 204)
        let wanted = 1 + draws.pick(cumulative: [20, 58, 88, 100])
        for _ in 0..<wanted where start <= latestEnd {
            let isLast = spells.count == wanted - 1
            var end = start + 11 + draws.int(below: 61)
            if isLast {
                let goesOn = draws.chance(isParent ? 0.9 : 0.75)
                end = goesOn ? latestEnd : start + draws.int(below: latestEnd - start + 1)
            }
            let inKunshan = draws.chance(isLast ? (isParent ? 0.95 : 0.85) : 0.5)
            let region =
                inKunshan ? 0 : 1 + draws.int(below: Vocabulary.contributionRegions.count - 1)
            let isOpen = end >= latestEnd
            spells.starts[spells.count] = Int32(start)
            spells.ends[spells.count] = isOpen ? -1 : Int32(end)
            spells.regions[spells.count] = Int32(region)
            spells.count += 1
            if isOpen {
                break
            }
            start = end + 1 + (draws.chance(0.45) ? 0 : 1 + draws.int(below: 14))
        }
        return spells
    }

    /// The periods a department holds for a person, paid under `numbers` numbers: each type
    /// over the spells, some types missing from a spell or starting late, and now and then
    /// a period written as two that overlap.
    func periods(
        of person: Int,
        couple: Int? = nil,
        at department: Department,
        numbers: Int,
        into buffer: PeriodBuffer
    ) {
        buffer.removeAll()
        let spells = spells(of: person, couple: couple)
        var draws = mixer.draws(department == .hrss ? .hrssHistory : .medicalHistory, person)
        let typeCount = department == .hrss ? hrssTypes.count : medicalTypes.count
        for type in 0..<typeCount {
            for spell in 0..<spells.count {
                var first = Int(spells.starts[spell])
                let last = Int(spells.ends[spell])
                if type > 0 && draws.chance(0.06) {
                    continue
                }
                if type > 0 && draws.chance(0.1) {
                    first += 1 + draws.int(below: 3)
                    if (last >= 0 && first > last) || first > snapshotMonth {
                        continue
                    }
                }
                let number = Int32(numbers > 1 ? spell % 2 : 0)
                let region = spells.regions[spell]
                let length = (last >= 0 ? last : snapshotMonth) - first + 1
                if length >= 4 && draws.chance(0.05) {
                    let middle = first + length / 2
                    buffer.append(
                        Period(
                            typePosition: Int32(type),
                            first: Int32(first),
                            last: Int32(middle + 1),
                            region: region,
                            number: number
                        )
                    )
                    first = middle
                }
                buffer.append(
                    Period(
                        typePosition: Int32(type),
                        first: Int32(first),
                        last: Int32(last),
                        region: region,
                        number: number
                    )
                )
            }
        }
    }
}
