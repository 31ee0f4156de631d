import MatcherCore

/// What the property registry's delivery holds for the certificates a run needs.
public struct RegistrySnapshot: Sendable {
    public var delivery: VerifiedDelivery
    /// Every owner row (live or not) of each needed certificate; of a certificate kept only
    /// for its owner, that owner's rows alone.
    public var rowsByCertificate: [CertificateKey: [RegisteredOwnership]] = [:]
    public var refusedRows: [RefusedRow] = []
    /// Certificates a refused row belonged to: they get no final result from this delivery.
    public var unreliableCertificates: Set<CertificateKey> = []

    /// The rows of one certificate, empty when the registry has none; nil when a refused
    /// row belonged to it.
    public func rows(for key: CertificateKey) -> [RegisteredOwnership]? {
        guard !unreliableCertificates.contains(key) else { return nil }
        return rowsByCertificate[key] ?? []
    }

    /// Reads the registry's delivery, keeping the rows of the certificates in `keys`;
    /// `progress` hears how many rows were read.
    ///
    /// - Throws: when the file is missing, unreadable, or disagrees with the manifest.
    public static func load(
        from folder: DeliveryFolder,
        mapping: FeedMapping,
        keys: Set<CertificateKey>,
        progress: RowProgressHandler? = nil
    ) throws(FeedError) -> RegistrySnapshot {
        try load(
            from: folder,
            mapping: mapping,
            filter: RegistryFilter(keys: keys),
            progress: progress
        )
    }

    /// Reads the registry's delivery, keeping the rows `filter` asks for; `progress` hears
    /// how many rows were read.
    ///
    /// A certificate kept only for its owner holds only that owner's rows: its co-owners'
    /// rows are known only once the whole file has been read, and keeping them would need
    /// a second pass. Refused rows are listed as ever, and mark every certificate the filter
    /// could have kept them for unreliable, those of a refused row of a wanted owner too.
    ///
    /// - Throws: when the file is missing, unreadable, or disagrees with the manifest.
    public static func load(
        from folder: DeliveryFolder,
        mapping: FeedMapping,
        filter: RegistryFilter,
        progress: RowProgressHandler? = nil
    ) throws(FeedError) -> RegistrySnapshot {
        let delivery = try VerifiedDelivery.open(folder, files: mapping.files.keys.sorted())
        var snapshot = RegistrySnapshot(delivery: delivery)
        let reader = RowReader(mapping: mapping, deliveredOn: folder.date)
        var table = try delivery.table("certificates.csv", mapping: mapping)
        let decoder = table.decoder
        let column = { (name: String) in table.position(of: name) }
        let positions = RowReader.Positions(
            type: column("certificateType"),
            number: column("certificateNumber"),
            ownerName: column("ownerName"),
            ownerID: column("ownerIdNumber"),
            form: column("ownershipForm"),
            use: column("plannedUse"),
            address: column("address"),
            registered: column("registeredOn"),
            state: column("state")
        )
        let keys = filter.keys
        // Decided once: the nightly reading asks only for keys, and its loop over millions
        // of rows then does no more than it did before the filter could be widened.
        let isWidened = filter.isWidened
        let readsOwners = !filter.ownerIDKeys.isEmpty
        let isWantedOwner = { (record: CSVRecord) in
            readsOwners
                && filter.keepsOwner(idNumber: record.traceableText(positions.ownerID, decoder))
        }
        var refused: [RefusedRow] = []
        var unreliable: Set<CertificateKey> = []
        // Certificates taken or traced for their owner alone: no key or serial names them.
        var keptForOwner: Set<CertificateKey> = []
        var tracedForOwner: Set<CertificateKey> = []
        var kept: [CertificateKey: [RegisteredOwnership]] = [:]
        var keptCount = 0
        // Most rows are certificates nobody typed: in UTF-8 their usual print is read from
        // the bytes, and only the rows kept are decoded.
        // Limitation: a GB18030 registry decodes the type and number of every row, because
        // the usual print's bytes are only known in UTF-8; lifts when they are encoded once
        // in the delivery's encoding.
        var skipping = RegistryRowSkipping(types: mapping.codes?.certificateTypes ?? [:])
        let skipsFromBytes = !isWidened && decoder.encoding == .utf8
        let wantedKeys = ByteKeySet(skipsFromBytes ? keys.map(\.lookupText) : [])
        let rows = try table.forEachRow(
            expected: delivery.entry("certificates.csv"),
            refused: &refused,
            progress: progress,
            trace: { record in
                let traced = reader.traceKeys(record, positions, decoder)
                unreliable.formUnion(traced)
                if isWantedOwner(record) {
                    tracedForOwner.formUnion(traced)
                }
                return !traced.isEmpty
            },
            passOver: { line in
                guard skipsFromBytes else { return false }
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
                    guard
                        let count = skipping.lookupBytes(
                            type: line.field(positions.type),
                            number: line.field(positions.number),
                            into: buffer
                        )
                    else { return false }
                    return !wantedKeys.contains(UnsafeBufferPointer(rebasing: buffer[0..<count]))
                }
            }
        ) { record throws(RowRefusal) in
            if skipsFromBytes,
                let key = skipping.key(
                    type: record.bytes(positions.type),
                    number: record.bytes(positions.number)
                ), !keys.contains(key)
            {
                return false
            }
            let (key, type, printed) = try reader.key(record, positions, decoder)
            if !keys.contains(key) {
                guard isWidened else { return false }
                if !filter.keepsCertificate(key) {
                    guard isWantedOwner(record) else { return false }
                    keptForOwner.insert(key)
                }
            }
            let row = try reader.row(record, positions, decoder, type: type, printed: printed)
            kept[key, default: []].append(row)
            keptCount += 1
            return true
        }
        snapshot.rowsByCertificate = kept
        snapshot.refusedRows = refused
        snapshot.unreliableCertificates = unreliable.filter { key in
            filter.keepsCertificate(key) || keptForOwner.contains(key)
                || tracedForOwner.contains(key)
        }
        snapshot.delivery.rows = ["certificates.csv": rows]
        snapshot.delivery.rowsKept = keptCount
        return snapshot
    }
}

/// Reads the values of one registry row through the mapping's code tables.
private struct RowReader {
    struct Positions {
        var type, number, ownerName, ownerID, form, use, address, registered, state: Int
    }

    let types: [String: CertificateType]
    let liveStates: Set<String>
    let knownStates: Set<String>
    let soleForms: Set<String>
    let deliveredOn: CalendarDate

    init(mapping: FeedMapping, deliveredOn: CalendarDate) {
        types = mapping.codes?.certificateTypes ?? [:]
        liveStates = Set(mapping.codes?.liveStates ?? [])
        knownStates = Set(mapping.codes?.knownStates ?? []).union(liveStates)
        soleForms = Set(mapping.codes?.soleOwnershipForms ?? [])
        self.deliveredOn = deliveredOn
    }

    func key(_ record: CSVRecord, _ at: Positions, _ decoder: FieldDecoder) throws(RowRefusal)
        -> (CertificateKey, CertificateType, String)
    {
        let typeText = try record.text(at.type, decoder, column: "certificateType")
        guard let type = types[typeText] else {
            throw RowRefusal(reason: "certificateType is not one the mapping knows")
        }
        let printed = try record.text(at.number, decoder, column: "certificateNumber")
        guard let key = CertificateNumber.parseRegistered(type: type, printed: printed) else {
            throw RowRefusal(reason: "certificateNumber cannot be read as a \(typeText) number")
        }
        return (key, type, printed)
    }

    /// The certificates a refused row may belong to: under its type, or under either type
    /// when the type itself is what could not be read.
    func traceKeys(_ record: CSVRecord, _ at: Positions, _ decoder: FieldDecoder)
        -> Set<CertificateKey>
    {
        guard let printed = record.traceableText(at.number, decoder) else { return [] }
        let typeText = record.traceableText(at.type, decoder)
        let candidates: [CertificateType] =
            typeText.flatMap { types[$0] }.map { [$0] } ?? [.realEstate, .houseOwnership]
        return Set(
            candidates.compactMap { CertificateNumber.parseRegistered(type: $0, printed: printed) }
        )
    }

    func row(
        _ record: CSVRecord,
        _ at: Positions,
        _ decoder: FieldDecoder,
        type: CertificateType,
        printed: String
    ) throws(RowRefusal) -> RegisteredOwnership {
        let dateText = try record.text(at.registered, decoder, column: "registeredOn")
        guard let registeredOn = CalendarDate(dateText) else {
            throw RowRefusal(reason: "registeredOn is not a day of the calendar written YYYY-MM-DD")
        }
        guard registeredOn <= deliveredOn else {
            throw RowRefusal(reason: "registeredOn is later than the delivery's date")
        }
        let state = try record.text(at.state, decoder, column: "state")
        // An unknown state read as "not live" would tell a parent "no record" for good.
        guard knownStates.contains(state) else {
            throw RowRefusal(reason: "state is not one the mapping knows")
        }
        let form = try record.text(at.form, decoder, column: "ownershipForm")
        let use = try record.text(at.use, decoder, column: "plannedUse")
        guard !use.isEmpty else { throw RowRefusal(reason: "plannedUse is empty") }
        let ownerIdNumber = try record.text(at.ownerID, decoder, column: "ownerIdNumber")
        try RowRefusal.checkIDNumber(ownerIdNumber, column: "ownerIdNumber")
        return RegisteredOwnership(
            certificateType: type,
            printedNumber: printed,
            ownerName: try record.text(at.ownerName, decoder, column: "ownerName"),
            ownerIdNumber: ownerIdNumber,
            ownershipForm: form,
            plannedUse: use,
            address: try record.text(at.address, decoder, column: "address"),
            registeredOn: registeredOn,
            state: state,
            isLive: liveStates.contains(state),
            isSoleOwnership: soleForms.contains(form)
        )
    }
}
