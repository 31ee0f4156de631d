import MatcherCore
import MatcherFeeds
import MatcherStore

/// The deliveries one diagnosis has read, each read once for every application it explains.
///
/// A query often finds several applications of one family (a 报名号 with two children, a
/// guardian on both), and their results usually come from the same deliveries: reading a
/// province's file once per application would multiply the wait. Each delivery is read with
/// the keys of every application found, and each application then takes only its own
/// family's records out of it (see ``SupportDiagnosis``).
final class DeliveryReadCache {
    enum Loaded {
        case insurance(InsuranceSnapshot)
        case registry(RegistrySnapshot)
        /// The delivery could not be read again; the message says why.
        case unreadable(String)
    }

    private let keys: FamilyKeys
    private let setup: MatchingSetup
    private var loaded: [String: Loaded] = [:]

    /// - Parameter keys: the union of the keys of every application to be explained.
    init(keys: FamilyKeys, setup: MatchingSetup) {
        self.keys = keys
        self.setup = setup
    }

    func load(_ use: RunDelivery) -> Loaded {
        let cacheKey = use.delivery.path + "\n" + use.delivery.fingerprint
        if let found = loaded[cacheKey] { return found }
        let read = Self.read(use, keys: keys, setup: setup)
        loaded[cacheKey] = read
        return read
    }

    private static func read(_ use: RunDelivery, keys: FamilyKeys, setup: MatchingSetup) -> Loaded {
        let source = use.delivery.source
        guard let date = CalendarDate(use.delivery.date) else {
            return .unreadable("the store names a delivery without a readable day")
        }
        let folder = DeliveryFolder(source: source, date: date, path: use.delivery.path)
        do {
            if source == "registry" {
                return .registry(
                    try RegistrySnapshot.load(
                        from: folder,
                        mapping: setup.registry,
                        filter: RegistryFilter(
                            keys: keys.certificateKeys,
                            realEstateSerials: keys.realEstateSerials,
                            ownerIDKeys: keys.idKeys
                        )
                    )
                )
            }
            let department: Department = source == "hrss" ? .hrss : .medical
            return .insurance(
                try InsuranceSnapshot.load(
                    department,
                    from: folder,
                    mapping: department == .hrss ? setup.hrss : setup.medical,
                    idKeys: keys.idKeys
                )
            )
        } catch {
            let message = error.message
            return .unreadable(
                "the delivery of \(use.delivery.date) that run \(use.runId) used cannot be "
                    + "read again: \(message)"
            )
        }
    }
}

extension FamilyKeys {
    /// The keys of several applications together.
    mutating func formUnion(_ other: FamilyKeys) {
        idKeys.formUnion(other.idKeys)
        certificateKeys.formUnion(other.certificateKeys)
        realEstateSerials.formUnion(other.realEstateSerials)
    }

    /// Whether a registry row is one this family's diagnosis may read.
    func admits(_ row: RegisteredOwnership) -> Bool {
        if idKeys.contains(MatchRules.lookupKey(of: row.ownerIdNumber, as: .resident)) {
            return true
        }
        guard
            let key = CertificateNumber.parseRegistered(
                type: row.certificateType,
                printed: row.printedNumber
            )
        else { return false }
        if certificateKeys.contains(key) { return true }
        if case .realEstate(_, let serial) = key { return realEstateSerials.contains(serial) }
        return false
    }
}
