/// Deterministic draws: every value the generator makes is a pure function of the seed, a
/// stream and an index, so any row of any file can be computed on its own, in any order.
struct Mixer: Sendable {
    let seed: UInt64

    /// The independent sequences of draws; each names what it decides.
    enum Stream: UInt64 {
        case lineOrder = 1
        case socialInsuranceOrder
        case propertyOrder
        case variantOrder
        case familyOrder
        case adultSlots
        case otherAdultSlots
        case childSlots
        case person
        case name
        case history
        case hrssHistory
        case medicalHistory
        case personalNumbers
        case family
        case certificate
        case certificateOrder
        case realEstateSlots
        case houseSlots
        case application
        case registryRows
        case hrssFeatures
        case medicalFeatures
        case childNames
    }

    init(seed: UInt64) {
        self.seed = seed
    }

    @inline(__always)
    func hash(_ stream: Stream, _ index: Int) -> UInt64 {
        Self.mix(seed ^ Self.mix(stream.rawValue &* 0xD6E8_FEB8_6659_FD93 ^ UInt64(index)))
    }

    /// A generator of draws for one entity: one hash, then a short SplitMix sequence.
    @inline(__always)
    func draws(_ stream: Stream, _ index: Int) -> Draws {
        Draws(state: hash(stream, index))
    }

    /// The SplitMix64 finaliser: every input bit reaches every output bit.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A short sequence of draws for one entity (one person, one certificate).
struct Draws {
    var state: UInt64

    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Mixer.mix(state)
    }

    /// A whole number in `0..<count`; `count` must be positive.
    @inline(__always)
    mutating func int(below count: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(count)).high)
    }

    /// A whole number in `range`.
    @inline(__always)
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.count)
    }

    /// True with probability `probability`.
    @inline(__always)
    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) * 0x1p-53 < probability
    }

    /// An index drawn through a table holding each index as often as its weight.
    @inline(__always)
    mutating func pick(table: [Int]) -> Int {
        table[int(below: table.count)]
    }

    /// An index drawn from cumulative weights (each entry the running total).
    mutating func pick(cumulative: [Int]) -> Int {
        let total = cumulative[cumulative.count - 1]
        let draw = int(below: total)
        var index = 0
        while cumulative[index] <= draw {
            index += 1
        }
        return index
    }
}

/// A pseudo-random permutation of `0..<count`, with its inverse.
///
/// It scatters consecutive indices through a range (applicants through the persons files,
/// case kinds through the export) and turns an index back into its place, with no table. A
/// four-round Feistel network over the smallest even power of two that holds `count`,
/// repeated while the value falls outside the range ("cycle walking"): at most four steps
/// on average, since that power is below `4 * count`. Unlike `a * x + b`, it leaves no
/// arithmetic pattern for neighbours to fall into.
struct IndexShuffle: Sendable {
    let count: Int
    private let halfBits: UInt64
    private let mask: UInt64
    private let keys: (UInt64, UInt64, UInt64, UInt64)

    init(count: Int, hash: UInt64) {
        precondition(count > 0 && count < 1 << 60, "permutation size out of range")
        self.count = count
        var bits: UInt64 = 1
        while (1 << (2 * bits)) < UInt64(count) {
            bits += 1
        }
        halfBits = bits
        mask = (1 << bits) - 1
        keys = (
            Mixer.mix(hash ^ 1), Mixer.mix(hash ^ 2), Mixer.mix(hash ^ 3), Mixer.mix(hash ^ 4)
        )
    }

    @inline(__always)
    func apply(_ value: Int) -> Int {
        var x = UInt64(value)
        repeat {
            x = forward(x)
        } while x >= UInt64(count)
        return Int(x)
    }

    @inline(__always)
    func invert(_ value: Int) -> Int {
        var x = UInt64(value)
        repeat {
            x = backward(x)
        } while x >= UInt64(count)
        return Int(x)
    }

    @inline(__always)
    private func round(_ half: UInt64, _ key: UInt64) -> UInt64 {
        Mixer.mix(half ^ key) & mask
    }

    @inline(__always)
    private func forward(_ value: UInt64) -> UInt64 {
        var left = value >> halfBits
        var right = value & mask
        (left, right) = (right, left ^ round(right, keys.0))
        (left, right) = (right, left ^ round(right, keys.1))
        (left, right) = (right, left ^ round(right, keys.2))
        (left, right) = (right, left ^ round(right, keys.3))
        return left << halfBits | right
    }

    @inline(__always)
    private func backward(_ value: UInt64) -> UInt64 {
        var left = value >> halfBits
        var right = value & mask
        (left, right) = (right ^ round(left, keys.3), left)
        (left, right) = (right ^ round(left, keys.2), left)
        (left, right) = (right ^ round(left, keys.1), left)
        (left, right) = (right ^ round(left, keys.0), left)
        return left << halfBits | right
    }
}
