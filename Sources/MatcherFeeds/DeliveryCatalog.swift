import Foundation
import MatcherCore

/// One source's delivery for one day: a folder `<deliveries>/<source>/<YYYY-MM-DD>/`.
public struct DeliveryFolder: Hashable, Sendable, Codable {
    public var source: String
    public var date: CalendarDate
    public var path: String

    public init(source: String, date: CalendarDate, path: String) {
        self.source = source
        self.date = date
        self.path = path
    }

    public var label: String { "\(source)/\(date)" }
}

/// A source's delivery folders, and what else its folder holds.
public struct DeliveryListing: Sendable {
    /// Folders dated on or before the run's day, newest first.
    public var folders: [DeliveryFolder] = []
    /// Entries that are not `YYYY-MM-DD` folders, such as a delivery still being copied in
    /// under a temporary name; reported, never read.
    public var ignored: [String] = []
    /// True when the deliveries directory has no folder for the source at all.
    public var sourceMissing = false
    /// The earliest delivery dated after the run's day, if any: with no folder on or
    /// before the day, it tells a wrong `--as-of` from a source that never delivered.
    public var firstLater: CalendarDate?
}

/// Finds the deliveries of each source in a deliveries directory.
public enum DeliveryCatalog {
    /// Checks that the deliveries directory exists, before a run depends on it.
    public static func checkDirectory(_ directory: String) throws(FeedError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw FeedError(.deliveriesMissing, "the deliveries folder \(directory) does not exist")
        }
        guard isDirectory.boolValue else {
            throw FeedError(
                .deliveriesMissing,
                "the deliveries folder \(directory) is a file, not a folder"
            )
        }
        // A folder one level off would find no source and leave every result pending for a
        // whole night: what it holds tells which level was meant. An empty folder is a
        // service set up before its first delivery, and is left to the run's warnings.
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
        let wanted =
            "name the folder that holds the sources' folders (\(sources.joined(separator: ", ")))"
        if let dated = names.first(where: { CalendarDate($0) != nil }) {
            throw FeedError(
                .deliveriesMissing,
                "the deliveries folder \(directory) holds \(dated), a delivery of one source; "
                    + wanted
            )
        }
        guard !names.isEmpty, !sources.contains(where: names.contains) else { return }
        let why: String
        if names.contains("deliveries") {
            why = "holds a folder deliveries; name \(directory)/deliveries"
        } else if names.contains("manifest.json") {
            why = "holds manifest.json, so it is one delivery; " + wanted
        } else {
            why = "holds none of the sources' folders; " + wanted
        }
        throw FeedError(.deliveriesMissing, "the deliveries folder \(directory) \(why)")
    }

    /// The sources a deliveries folder holds a folder for, each named as its folder is.
    public static let sources = ["hrss", "medical", "registry"]

    /// The source's delivery folders dated on or before `asOf`, newest first.
    public static func deliveries(
        of source: String,
        in directory: String,
        notLaterThan asOf: CalendarDate
    ) -> DeliveryListing {
        let sourcePath = directory + "/" + source
        var listing = DeliveryListing()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: sourcePath) else {
            listing.sourceMissing = true
            return listing
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = sourcePath + "/" + name
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            guard let date = CalendarDate(name), exists, isDirectory.boolValue else {
                listing.ignored.append(source + "/" + name)
                continue
            }
            if date <= asOf {
                listing.folders.append(DeliveryFolder(source: source, date: date, path: path))
            } else if listing.firstLater.map({ date < $0 }) ?? true {
                listing.firstLater = date
            }
        }
        listing.folders.sort { $0.date > $1.date }
        return listing
    }
}
