import MatcherCore

/// Everything a night is made of, as pure functions of the seed and an index: the plan of
/// each application, the identity of each person, the rows of each certificate. Writers
/// call these in any order, each file in one pass, and nothing is ever held in memory.
struct NightModel: Sendable {
    let mixer: Mixer
    let applications: Int
    let persons: Int
    let certificates: Int
    let asOf: CivilDate
    let policy: PointsPolicy
    let population: Population

    let lines: Allocation<LineKind>
    let socialInsurance: Allocation<SocialInsuranceCase>
    let property: Allocation<PropertyCase>
    /// One allocation per ``Variant/Family``; nil is "no variant".
    let variants: [Allocation<Variant?>]

    /// 社保个人编号 and 医保个人内码: a person's first number comes from index `p`, a second
    /// one from `persons + p`, so no two persons share one.
    let hrssNumbers: IndexShuffle
    let medicalNumbers: IndexShuffle
    /// The order certificates are written in.
    let certificateOrder: IndexShuffle
    let realEstateSlots: IndexShuffle
    let houseSlots: IndexShuffle

    /// The insurance types each department holds, in the policy's order.
    let hrssTypes: [PointsPolicy.InsuranceType]
    let medicalTypes: [PointsPolicy.InsuranceType]
    /// Where each department's types stand in the policy's list of all types.
    let hrssTypePositions: [Int]
    let medicalTypePositions: [Int]
    var typeCount: Int { policy.insurance.types.count }
    /// Whether each of ``Vocabulary/contributionRegions`` is a region the policy counts.
    let countedRegions: [Bool]
    /// The month open contribution periods run to: the snapshot's.
    let snapshotMonth: Int
    /// Planned uses the policy counts as residential, and others, from the vocabulary.
    let residentialUses: [String]
    let otherUses: [String]
    /// Residential uses, then the others.
    var uses: [String] { residentialUses + otherUses }

    /// 不动产权证 years; serials of neighbouring years never meet (see ``realEstateNumber``).
    static let firstRealEstateYear = 2015
    static let realEstateYears = 9
    /// Serials per year and parity: 2 * 454_544 + 1 multiples of 11 stay below 10^7.
    static let serialsPerYear = 454_544
    static let realEstateCapacity = realEstateYears * serialsPerYear
    /// Nine-digit multiples of 11 from 100000010 to 999999990.
    static let firstHouseMultiple = 9_090_910
    static let houseCapacity = 81_818_181

    init(
        seed: UInt64,
        applications: Int,
        persons: Int,
        certificates: Int,
        asOf: CivilDate,
        policy: PointsPolicy,
        rates: CaseRates
    ) throws(GeneratorError) {
        let mixer = Mixer(seed: seed)
        self.mixer = mixer
        self.applications = applications
        self.persons = persons
        self.certificates = certificates
        self.asOf = asOf
        self.policy = policy
        guard certificates >= applications else {
            throw GeneratorError(
                .configuration,
                "\(certificates) certificates are fewer than the \(applications) applications; "
                    + "every application needs one it may declare"
            )
        }
        guard certificates <= Self.houseCapacity, applications <= Self.realEstateCapacity else {
            throw GeneratorError(
                .configuration,
                "at most \(Self.houseCapacity) certificates and "
                    + "\(Self.realEstateCapacity) applications can be numbered"
            )
        }
        population = try Population(persons: persons, applications: applications, mixer: mixer)

        let lineKinds = LineKind.allCases.filter { $0 != .submitted }
        lines = try Allocation(
            total: applications,
            shares: lineKinds.map { ($0, rates["line.\($0.rawValue)"], nil) },
            remainder: .submitted,
            hash: mixer.hash(.lineOrder, 0),
            what: ("withdrawn, deleted, duplicate or broken lines", "applications")
        )
        let submitted = applications - lines.remainderStart
        let siKinds = SocialInsuranceCase.allCases.filter { $0 != .matched }
        let prKinds = PropertyCase.allCases.filter { $0 != .matched }
        // The sync refuses a file whole when more than 1% of the rows it reads in full (at
        // least 10) are refused, and a pending case is one broken row under a needed key.
        // Every matched application has a row of its own in each file, so 1% of the matched
        // ones keeps the broken rows inside the limit, whatever the rates; one fewer per
        // case allows for the cases' counts being rounded up.
        let refusedCap = { (otherRates: [String]) -> Int in
            let matchedShare = 1 - otherRates.reduce(0) { $0 + rates[$1] }
            let matched = Int((Double(submitted) * max(0, matchedShare)).rounded(.down))
            return max(10, (matched - otherRates.count) / 100)
        }
        let siRefusedCap = refusedCap(siKinds.map { "si.\($0.rawValue)" })
        let prRefusedCap = refusedCap(prKinds.map { "pr.\($0.rawValue)" })
        socialInsurance = try Allocation(
            total: submitted,
            shares: siKinds.map { kind in
                let isPending = kind == .pendingHrss || kind == .pendingMedical
                return (kind, rates["si.\(kind.rawValue)"], isPending ? siRefusedCap : nil)
            },
            remainder: .matched,
            hash: mixer.hash(.socialInsuranceOrder, 0),
            what: (
                "social-insurance cases",
                "submitted applications (of \(applications); the rest are other lines)"
            )
        )
        property = try Allocation(
            total: submitted,
            shares: prKinds.map { kind in
                (kind, rates["pr.\(kind.rawValue)"], kind == .pending ? prRefusedCap : nil)
            },
            remainder: .matched,
            hash: mixer.hash(.propertyOrder, 0),
            what: (
                "property cases",
                "submitted applications (of \(applications); the rest are other lines)"
            )
        )
        // Variants are tried on applications whose case leaves their field as it is: the
        // subject's on social-insurance matches, the home's on property matches. Rates stay
        // fractions of all submitted lines.
        var variants: [Allocation<Variant?>] = []
        for family in Variant.Family.allCases {
            let members = Variant.allCases.filter { $0.family == family }
            let matched =
                family.isSubjects ? socialInsurance.remainderCount : property.remainderCount
            let wanted = members.map { rates["variant.\($0.rawValue)"] * Double(submitted) }
            // More variants than matched applications: each family shares them all out.
            let scale = matched > 0 ? 1 / max(Double(matched), wanted.reduce(0, +)) : 0
            variants.append(
                try Allocation(
                    total: matched,
                    shares: zip(members, wanted).map { variant, count in
                        (Optional(variant), count * scale, nil)
                    },
                    remainder: nil,
                    hash: mixer.hash(.variantOrder, family.rawValue),
                    clampsToTotal: true
                )
            )
        }
        self.variants = variants

        hrssNumbers = IndexShuffle(count: 2 * persons, hash: mixer.hash(.personalNumbers, 0))
        medicalNumbers = IndexShuffle(
            count: 2 * persons,
            hash: mixer.hash(.personalNumbers, 1)
        )
        certificateOrder = IndexShuffle(
            count: certificates,
            hash: mixer.hash(.certificateOrder, 0)
        )
        // Serials are handed out from the low end, as a registry numbers its certificates
        // each year: a small night has small serials, with leading zeros.
        realEstateSlots = IndexShuffle(
            count: min(Self.realEstateCapacity, certificates),
            hash: mixer.hash(.realEstateSlots, 0)
        )
        houseSlots = IndexShuffle(count: Self.houseCapacity, hash: mixer.hash(.houseSlots, 0))
        snapshotMonth = asOf.monthOrdinal
        let counted = Set(policy.insurance.countedRegions)
        countedRegions = Vocabulary.contributionRegions.map(counted.contains)
        hrssTypes = policy.insurance.types.filter { $0.department == .hrss }
        medicalTypes = policy.insurance.types.filter { $0.department == .medical }
        let allTypes = policy.insurance.types
        hrssTypePositions = allTypes.indices.filter { allTypes[$0].department == .hrss }
        medicalTypePositions = allTypes.indices.filter { allTypes[$0].department == .medical }
        let residential = Set(policy.property.residentialUses)
        let uses = Vocabulary.residentialUses.map(\.0) + Vocabulary.otherUses.map(\.0)
        residentialUses = uses.filter { residential.contains($0) }
        otherUses = uses.filter { !residential.contains($0) }
        guard !residentialUses.isEmpty, !otherUses.isEmpty else {
            throw GeneratorError(
                .policy,
                "the policy's residential uses leave no residential or no other planned use "
                    + "among \(uses.joined(separator: ", "))"
            )
        }
    }
}
