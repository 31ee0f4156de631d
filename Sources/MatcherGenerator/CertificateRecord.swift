/// A registered address: town, road and door number, estate, building, unit and room.
struct RegisteredAddress: Sendable {
    /// Index in ``Vocabulary/towns``; -1 for the former town 玉山镇.
    var town: Int
    var road: Int
    var door: Int
    var estate: Int
    var building: Int
    /// 0 when the building has no units.
    var unit: Int
    var room: Int

    /// The address as the registry prints it.
    var text: String {
        var text = town < 0 ? Vocabulary.formerTown : Vocabulary.towns[town].0
        text += Vocabulary.roads[road] + "\(door)号" + Vocabulary.estates[estate]
        text += "\(building)幢"
        if unit > 0 {
            text += "\(unit)单元"
        }
        return text + "\(room)室"
    }
}

/// Whose row a registry row is.
struct OwnerIdentity: Sendable {
    let name: GeneratedName
    let id: ResidentID
    let passport: String?

    init(_ adult: Adult) {
        name = adult.name
        id = adult.id
        passport = adult.passport
    }

    init(_ child: Child) {
        name = child.name
        id = child.id
        passport = nil
    }

    init(name: GeneratedName, id: ResidentID, passport: String?) {
        self.name = name
        self.id = id
        self.passport = passport
    }

    var idText: String { passport ?? id.text }
}

/// One owner row of a certificate.
struct OwnerRow: Sendable {
    var owner: OwnerIdentity
    var idForm: IDForm
    var form: OwnershipForm
    var state: RowState
    /// A row written with a value the matcher refuses, for a pending result.
    var isBroken = false

    enum OwnershipForm: Int, Sendable {
        case sole, joint, byShares
    }

    enum RowState: Int, Sendable {
        case live, cancelled, superseded
    }
}

/// A certificate with all its rows, as the registry delivers it.
struct CertificateRecord: Sendable {
    let index: Int
    let isRealEstate: Bool
    /// 不动产权证: the year in the brackets and the serial (a multiple of 11).
    let year: Int
    let serial: Int
    /// 房屋所有权证: the nine digits after `字第` (a multiple of 11).
    let houseNumber: Int
    let address: RegisteredAddress
    /// The planned use (规划用途), as an index into ``NightModel/uses``.
    let use: Int
    let isResidential: Bool
    let registered: CivilDate
    let rows: [OwnerRow]

    /// The serial as printed, seven digits.
    var serialText: String {
        let digits = String(serial)
        return String(repeating: "0", count: 7 - digits.count) + digits
    }

    /// The district printed in a 房屋所有权证 number.
    var district: String {
        address.town < 0 ? Vocabulary.houseDistricts[0] : Vocabulary.houseDistricts[address.town]
    }

    /// The number as printed on the certificate.
    var printedNumber: String {
        if isRealEstate {
            return "苏(\(year))昆山市不动产权第\(serialText)号"
        }
        return "昆房权证\(district)字第\(houseNumber)号"
    }
}
