/// Writes the registry's delivery: `certificates.csv`, one row per owner, certificates in a
/// scattered order.
struct RegistryDeliveryWriter {
    let model: NightModel
    let pieces: RegistryPieces

    func write(into folder: String) throws(GeneratorError) -> [WrittenFile] {
        let sink = try ByteSink(path: folder + "/certificates.csv")
        sink.append(pieces.header)
        sink.endHeader()
        var broken = 0
        for position in 0..<model.certificates {
            let record = model.certificate(model.certificateOrder.apply(position))
            for row in record.rows {
                write(row, of: record, to: sink)
                if row.isBroken {
                    broken += 1
                }
            }
        }
        let file = try sink.finish()
        return [
            WrittenFile(
                name: "certificates.csv",
                rows: file.rows,
                sha256: file.sha256,
                bytes: sink.bytesWritten,
                brokenRows: broken
            )
        ]
    }

    private func write(_ row: OwnerRow, of record: CertificateRecord, to sink: ByteSink) {
        sink.append(pieces.types[record.isRealEstate ? 0 : 1])
        sink.append(0x2C)
        if record.isRealEstate {
            sink.append(pieces.numberParts[RegistryPieces.realEstateOpen])
            sink.append(decimal: record.year, width: 4)
            sink.append(pieces.numberParts[RegistryPieces.realEstateMiddle])
            sink.append(decimal: record.serial, width: 7)
        } else {
            sink.append(pieces.numberParts[RegistryPieces.houseLead])
            sink.append(pieces.districts[record.address.town < 0 ? 0 : record.address.town])
            sink.append(pieces.numberParts[RegistryPieces.houseMiddle])
            sink.append(decimal: record.houseNumber, width: 9)
        }
        sink.append(pieces.numberParts[RegistryPieces.numberEnd])
        sink.append(0x2C)
        row.owner.name.write(to: sink, pieces: pieces.names)
        sink.append(0x2C)
        if let passport = row.owner.passport {
            sink.append(passport)
        } else {
            row.owner.id.write(to: sink, form: row.idForm)
        }
        sink.append(0x2C)
        sink.append(pieces.forms[row.form.rawValue])
        sink.append(0x2C)
        sink.append(pieces.uses[record.use])
        sink.append(0x2C)
        writeAddress(record.address, to: sink)
        sink.append(0x2C)
        // A broken row names a day that does not exist (the 30th of February), which the
        // matcher refuses while it can still tell whose certificate the row is.
        let date = record.registered
        sink.append(decimal: date.year, width: 4)
        sink.append(0x2D)
        sink.append(decimal: row.isBroken ? 2 : date.month, width: 2)
        sink.append(0x2D)
        sink.append(decimal: row.isBroken ? 30 : date.day, width: 2)
        sink.append(0x2C)
        sink.append(pieces.states[row.state.rawValue])
        sink.endRow()
    }

    private func writeAddress(_ address: RegisteredAddress, to sink: ByteSink) {
        sink.append(pieces.towns[address.town < 0 ? Vocabulary.towns.count : address.town])
        sink.append(pieces.roads[address.road])
        sink.append(decimal: address.door)
        sink.append(pieces.addressWords[RegistryPieces.doorWord])
        sink.append(pieces.estates[address.estate])
        sink.append(decimal: address.building)
        sink.append(pieces.addressWords[RegistryPieces.buildingWord])
        if address.unit > 0 {
            sink.append(decimal: address.unit)
            sink.append(pieces.addressWords[RegistryPieces.unitWord])
        }
        sink.append(decimal: address.room)
        sink.append(pieces.addressWords[RegistryPieces.roomWord])
    }
}
