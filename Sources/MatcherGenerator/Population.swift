/// Who everyone is: the persons `0..<persons` the departments hold, the families of the
/// applications among them, and the ID numbers of all, each distinct by construction.
///
/// Applicant `j`'s father is person `order(2j)` and mother `order(2j + 1)`, where `order` is
/// a permutation: applicants are scattered through the files, and a person's row can tell
/// in one step whether, and of which application, it is a parent. Every other person is a
/// couple's member too (`order(2u)`, `order(2u + 1)` for `u >= applications`), which gives
/// each person a sex.
///
/// ID numbers come from blocks that cannot overlap: applicants' parents are born 1975 to
/// 1995 with the sequence starting 0 or 1, other adults 1963 to 2002 starting 2 to 8, adult
/// siblings 1998 to 2005 starting 0 or 1, children after 2006. No generated number has a
/// sequence starting with 9, so a typed number with that digit changed to 9 is nobody's.
struct Population: Sendable {
    let persons: Int
    let applications: Int
    let familyOrder: IndexShuffle

    let parents: SlotBlock
    let otherAdults: SlotBlock
    let primaryStudents: SlotBlock
    let juniorStudents: SlotBlock
    let youngerSiblings: SlotBlock
    let olderSiblings: SlotBlock
    let adultSiblings: SlotBlock

    /// The sequence digit no generated number starts with.
    static let unusedSequenceLead = 9

    init(persons: Int, applications: Int, mixer: Mixer) throws(GeneratorError) {
        guard applications >= 1, persons >= 2 * applications + 2 else {
            throw GeneratorError(
                .configuration,
                "\(persons) persons cannot hold the parents of \(applications) applications; "
                    + "give at least \(2 * applications + 2) persons"
            )
        }
        self.persons = persons
        self.applications = applications
        familyOrder = IndexShuffle(count: persons, hash: mixer.hash(.familyOrder, 0))
        let adultRegions = Vocabulary.birthRegions
        let childRegions = ["320583", "320505", "320506", "320581"] + Vocabulary.birthRegions
        func block(
            _ name: String,
            _ space: IDSpace,
            _ needed: Int,
            _ stream: Int
        ) throws(GeneratorError) -> SlotBlock {
            guard space.capacity >= needed else {
                throw GeneratorError(
                    .configuration,
                    "there are \(space.capacity) ID numbers for \(name), and \(needed) are "
                        + "needed; generate fewer persons or applications"
                )
            }
            let count = space.capacity
            return SlotBlock(
                space: space,
                order: IndexShuffle(count: count, hash: mixer.hash(.adultSlots, stream)),
                womenOrder: IndexShuffle(
                    count: count,
                    hash: mixer.hash(.otherAdultSlots, stream)
                )
            )
        }
        parents = try block(
            "applicants' parents",
            IDSpace(
                regions: adultRegions,
                born: CivilDate(1975, 1, 1),
                through: CivilDate(1995, 12, 31),
                leadDigits: 0...1,
                slotFixesMiddleDigit: false,
                sexIsGiven: true
            ),
            applications,
            0
        )
        otherAdults = try block(
            "other adults",
            IDSpace(
                regions: adultRegions,
                born: CivilDate(1963, 1, 1),
                through: CivilDate(2002, 12, 31),
                leadDigits: 2...8,
                slotFixesMiddleDigit: false,
                sexIsGiven: true
            ),
            persons / 2 + 1 - applications,
            1
        )
        func children(_ from: CivilDate, _ through: CivilDate, _ lead: ClosedRange<Int>) -> IDSpace
        {
            IDSpace(
                regions: childRegions,
                born: from,
                through: through,
                leadDigits: lead,
                slotFixesMiddleDigit: true,
                sexIsGiven: false
            )
        }
        primaryStudents = try block(
            "primary-school children",
            children(CivilDate(2016, 9, 1), CivilDate(2017, 8, 31), 0...8),
            applications,
            2
        )
        juniorStudents = try block(
            "junior-school children",
            children(CivilDate(2010, 9, 1), CivilDate(2011, 8, 31), 0...8),
            applications,
            3
        )
        youngerSiblings = try block(
            "younger siblings",
            children(CivilDate(2017, 9, 1), CivilDate(2021, 12, 28), 0...8),
            2 * applications,
            4
        )
        olderSiblings = try block(
            "older siblings",
            children(CivilDate(2011, 9, 1), CivilDate(2016, 8, 31), 0...8),
            2 * applications,
            5
        )
        adultSiblings = try block(
            "adult siblings",
            children(CivilDate(1998, 1, 1), CivilDate(2005, 4, 28), 0...1),
            2 * applications,
            6
        )
    }

    /// The person who is `role` (0 father, 1 mother) of application `family`.
    @inline(__always)
    func person(family: Int, role: Int) -> Int {
        familyOrder.apply(2 * family + role)
    }

    /// The couple a person belongs to and whether he is its man; couples below
    /// `applications` are applicants' parents.
    @inline(__always)
    func couple(of person: Int) -> (couple: Int, isMale: Bool) {
        let slot = familyOrder.invert(person)
        return (slot >> 1, slot & 1 == 0)
    }

    /// An adult's ID number: the couple decides the block and slot, the sex the last digit.
    @inline(__always)
    func adultID(couple: Int, isMale: Bool, middleDigit: Int) -> ResidentID {
        if couple < applications {
            return parents.number(couple, middleDigit: middleDigit, isMale: isMale)
        }
        return otherAdults.number(couple - applications, middleDigit: middleDigit, isMale: isMale)
    }
}

/// A block of ID numbers and the permutations that scatter indices over its slots.
///
/// Where the block fixes the sex, men and women are scattered apart: a husband and wife
/// share a couple index, and would otherwise share a birthday and a birthplace.
struct SlotBlock: Sendable {
    let space: IDSpace
    let order: IndexShuffle
    let womenOrder: IndexShuffle

    @inline(__always)
    func number(_ index: Int, middleDigit: Int = 0, isMale: Bool = true) -> ResidentID {
        let slot = space.sexIsGiven && !isMale ? womenOrder.apply(index) : order.apply(index)
        return space.number(slot: slot, middleDigit: middleDigit, isMale: isMale)
    }
}
