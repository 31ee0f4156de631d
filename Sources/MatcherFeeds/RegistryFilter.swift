import MatcherCore

/// Which registry rows a reading keeps.
///
/// The nightly run asks only for `keys`. Support diagnosis widens the reading to find what a
/// parent may have meant: the same 不动产权证 serial under another year, or every home a
/// person owns whatever the certificate typed.
public struct RegistryFilter: Sendable {
    public var keys: Set<CertificateKey>
    /// 不动产权证 serials kept whatever their year (for "the same serial in another year").
    public var realEstateSerials: Set<String>
    /// Owner ID lookup keys (`MatchRules.lookupKey(of:as: .resident)`) whose rows are kept
    /// whatever the certificate.
    public var ownerIDKeys: Set<String>

    public init(
        keys: Set<CertificateKey>,
        realEstateSerials: Set<String> = [],
        ownerIDKeys: Set<String> = []
    ) {
        self.keys = keys
        self.realEstateSerials = realEstateSerials
        self.ownerIDKeys = ownerIDKeys
    }

    /// Whether more than `keys` is asked for; when not, a row's certificate key alone
    /// decides, which keeps the nightly reading as fast as it was.
    var isWidened: Bool {
        !realEstateSerials.isEmpty || !ownerIDKeys.isEmpty
    }

    /// Whether a certificate is kept for its key or its serial alone.
    func keepsCertificate(_ key: CertificateKey) -> Bool {
        if keys.contains(key) {
            return true
        }
        guard case .realEstate(_, let serial) = key else { return false }
        return realEstateSerials.contains(serial)
    }

    /// Whether a row's owner is one of `ownerIDKeys`. Registry rows carry no ID type, so the
    /// number is read as a resident number, the kind nearly every owner has.
    func keepsOwner(idNumber: String?) -> Bool {
        guard !ownerIDKeys.isEmpty, let idNumber else { return false }
        return ownerIDKeys.contains(MatchRules.lookupKey(of: idNumber, as: .resident))
    }
}
