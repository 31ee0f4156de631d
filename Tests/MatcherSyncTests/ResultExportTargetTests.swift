import Foundation
import MatcherCore
import MatcherStore
import Testing

@testable import MatcherSync

/// The export replaces only a file of its own, in one step, and never the store.
@Suite struct ResultExportTargetTests {
    @Test func folderIsRefusedAsATargetAndLeftAlone() throws {
        let folder = try TemporaryFolder()
        let precious = folder.file("precious")
        try FileManager.default.createDirectory(atPath: precious, withIntermediateDirectories: true)
        try "keep".write(toFile: precious + "/note.txt", atomically: true, encoding: .utf8)
        let sync = try SyncRun(folder: folder)
        let error = try #require(throws: SyncError.self) { try sync.run(results: "precious") }
        #expect(error.message.contains("is a folder"))
        #expect(FileManager.default.fileExists(atPath: precious + "/note.txt"))
        #expect(try sync.store.runs().isEmpty)
    }

    @Test func storeAndExportAreNeverOverwritten() throws {
        let folder = try TemporaryFolder()
        let store = folder.file("matcher.sqlite")
        #expect(throws: SyncError.self) {
            try ResultExport.checkTarget(store, notSameAs: [folder.path + "/./matcher.sqlite"])
        }
    }

    @Test func missingFolderIsRefusedBeforeTheRun() throws {
        let folder = try TemporaryFolder()
        let sync = try SyncRun(folder: folder)
        let error = try #require(throws: SyncError.self) {
            try sync.run(results: "absent/results.jsonl")
        }
        #expect(error.message.contains("does not exist"))
        #expect(try sync.store.runs().isEmpty)
    }

    @Test func exportReplacesTheOldFileAndLeavesNoTemporaryFile() throws {
        let folder = try TemporaryFolder()
        try "old".write(toFile: folder.file("results.jsonl"), atomically: true, encoding: .utf8)
        let sync = try SyncRun(folder: folder)
        try sync.run()
        #expect(try sync.exported().count == 20)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!names.contains { $0.hasSuffix(".partial") })
    }
}

@Suite struct RunLockTests {
    @Test func secondLockOnTheSameStoreFailsAtOnce() throws {
        let folder = try TemporaryFolder()
        let store = folder.file("matcher.sqlite")
        let first = try RunLock(storePath: store)
        let error = try #require(throws: SyncError.self) { try RunLock(storePath: store) }
        #expect(error.code == .locked)
        #expect(error.message.contains("another sync is running"))
        #expect(error.message.contains("pid \(getpid())"))
        withExtendedLifetime(first) {}
    }

    @Test func lockIsFreeAgainOnceReleased() throws {
        let folder = try TemporaryFolder()
        let store = folder.file("matcher.sqlite")
        do {
            let first = try RunLock(storePath: store)
            withExtendedLifetime(first) {}
        }
        _ = try RunLock(storePath: store)
    }
}

@Suite struct ResultExportProtectedTargetTests {
    @Test(arguments: ["/dev/null", "/proc/self/status"])
    func deviceOrSpecialFileIsRefused(path: String) {
        #expect(throws: SyncError.self) { try ResultExport.checkTarget(path, notSameAs: []) }
    }

    @Test func fileAFolderWillNotTakeIsRefusedWithTheReason() throws {
        // Permissions allow root to write anywhere; /proc takes no new file from anyone.
        let error = try #require(throws: SyncError.self) {
            try ResultExport.checkTarget("/proc/results.jsonl", notSameAs: [])
        }
        #expect(error.message.hasPrefix("--results /proc/results.jsonl"))
    }

    @Test func checkLeavesNothingInTheFolder() throws {
        let folder = try TemporaryFolder()
        try ResultExport.checkTarget(folder.file("results.jsonl"), notSameAs: [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test(arguments: ["-wal", "-shm", ".lock"])
    func storeCompanionFilesAreProtected(suffix: String) throws {
        let folder = try TemporaryFolder()
        let store = folder.file("matcher.sqlite")
        #expect(throws: SyncError.self) {
            try ResultExport.checkTarget(store + suffix, notSameAs: [store])
        }
    }

    @Test func fileInsideTheMappingsIsRefused() throws {
        let mappings = repositoryPath("mappings")
        let error = try #require(throws: SyncError.self) {
            try ResultExport.checkTarget(
                mappings + "/messages.json",
                notSameAs: [],
                notInside: [mappings]
            )
        }
        #expect(error.message.contains("which the run reads"))
    }
}
