/// A 64-bit FNV-1a hash that is the same in every process and on every machine.
///
/// Swift's `Hasher` is seeded anew in each process, so it cannot say whether what a run
/// saw equals what an earlier run saw. This one can; it is not meant to resist anyone
/// crafting collisions, only to notice that data changed.
public struct StableHash: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(_ text: String) {
        for byte in text.utf8 {
            state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        // A separator no text contains, so ("ab", "c") and ("a", "bc") differ.
        state = (state ^ 0xFF) &* 0x0000_0100_0000_01b3
    }

    public mutating func combine(_ number: Int) {
        combine(String(number))
    }

    /// The hash as 16 lowercase hex digits.
    public var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension DepartmentEvidence {
    /// What the department holds for one person, as a hash that ignores row order.
    public var fingerprint: String {
        var lines = persons.map {
            [
                "p", $0.personalNumber, $0.name, $0.idNumber, $0.accountStatus ?? "",
                $0.accountIsNormal ? "1" : "0",
            ].joined(separator: "\u{1F}")
        }
        lines += contributions.map {
            [
                "c", $0.personalNumber, $0.insuranceType, $0.firstMonth.description,
                $0.lastMonth?.description ?? "", $0.region,
            ].joined(separator: "\u{1F}")
        }
        var hash = StableHash()
        hash.combine(snapshotMonth.description)
        for line in lines.sorted() {
            hash.combine(line)
        }
        return hash.hex
    }
}

extension Array where Element == RegisteredOwnership {
    /// What the registry holds for one certificate, as a hash that ignores row order.
    public var fingerprint: String {
        let lines = map {
            [
                $0.certificateType.rawValue, $0.printedNumber, $0.ownerName, $0.ownerIdNumber,
                $0.ownershipForm, $0.plannedUse, $0.address, $0.registeredOn.description,
                $0.state,
            ].joined(separator: "\u{1F}")
        }
        var hash = StableHash()
        for line in lines.sorted() {
            hash.combine(line)
        }
        return hash.hex
    }
}
