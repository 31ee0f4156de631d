import MatcherCore

/// What the property registry's delivery holds for the certificates a run needs.
public struct RegistrySnapshot: Sendable {
    public var delivery: VerifiedDelivery
    /// Every owner row (live or not) of each needed certificate.
    public var rowsByCertificate: [CertificateKey: [RegisteredOwnership]] = [:]
    public var refusedRows: [RefusedRow] = []

    /// The rows of one certificate; empty when the registry has none.
    public func rows(for key: CertificateKey) -> [RegisteredOwnership] {
        rowsByCertificate[key] ?? []
    }

    /// Reads the registry's delivery, keeping the rows of the certificates in `keys`.
    ///
    /// - Throws: when the file is missing, unreadable, or disagrees with the manifest.
    public static func load(
        from folder: DeliveryFolder,
        mapping: FeedMapping,
        keys: Set<CertificateKey>
    ) throws(FeedError) -> RegistrySnapshot {
        let delivery = try VerifiedDelivery.open(folder, files: mapping.files.keys.sorted())
        var snapshot = RegistrySnapshot(delivery: delivery)
        let codes = mapping.codes
        let types = codes?.certificateTypes ?? [:]
        let liveStates = Set(codes?.liveStates ?? [])
        let soleForms = Set(codes?.soleOwnershipForms ?? [])

        var table = try delivery.table("certificates.csv", mapping: mapping)
        let decoder = table.decoder
        let column = { (name: String) in table.position(of: name) }
        let typeColumn = column("certificateType")
        let numberColumn = column("certificateNumber")
        let ownerName = column("ownerName")
        let ownerID = column("ownerIdNumber")
        let form = column("ownershipForm")
        let use = column("plannedUse")
        let address = column("address")
        let registered = column("registeredOn")
        let state = column("state")
        var kept = 0
        let rows = try table.forEachRow(
            expected: delivery.entry("certificates.csv"),
            refused: &snapshot.refusedRows
        ) { record throws(RowRefusal) in
            let typeText = try record.text(typeColumn, decoder, column: "certificateType")
            guard let type = types[typeText] else {
                throw RowRefusal(reason: "certificateType is not one the mapping knows")
            }
            let printed = try record.text(numberColumn, decoder, column: "certificateNumber")
            guard let key = CertificateNumber.parseRegistered(type: type, printed: printed) else {
                throw RowRefusal(reason: "certificateNumber cannot be read as a \(typeText) number")
            }
            guard keys.contains(key) else { return }
            let dateText = try record.text(registered, decoder, column: "registeredOn")
            guard let registeredOn = CalendarDate(dateText) else {
                throw RowRefusal(reason: "registeredOn is not a date of the form YYYY-MM-DD")
            }
            let stateText = try record.text(state, decoder, column: "state")
            let formText = try record.text(form, decoder, column: "ownershipForm")
            let row = RegisteredOwnership(
                certificateType: type,
                printedNumber: printed,
                ownerName: try record.text(ownerName, decoder, column: "ownerName"),
                ownerIdNumber: try record.text(ownerID, decoder, column: "ownerIdNumber"),
                ownershipForm: formText,
                plannedUse: try record.text(use, decoder, column: "plannedUse"),
                address: try record.text(address, decoder, column: "address"),
                registeredOn: registeredOn,
                state: stateText,
                isLive: liveStates.contains(stateText),
                isSoleOwnership: soleForms.contains(formText)
            )
            snapshot.rowsByCertificate[key, default: []].append(row)
            kept += 1
        }
        snapshot.delivery.rows = ["certificates.csv": rows]
        snapshot.delivery.rowsKept = kept
        return snapshot
    }
}
