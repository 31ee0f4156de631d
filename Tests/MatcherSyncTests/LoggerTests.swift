import Foundation
import Testing

@testable import MatcherSync

/// Lines a handler wrote, collected for a test.
final class CapturedLines: @unchecked Sendable {
    // `@unchecked` because `lines` is guarded by `lock`.
    private let lock = NSLock()
    private var stored: [String] = []

    var lines: [String] { lock.withLock { stored } }

    var output: LogOutput {
        { line in self.lock.withLock { self.stored.append(line) } }
    }
}

/// 2023-05-10T01:30:00+08:00, the time every test handler reads.
let halfPastOne = Date(timeIntervalSince1970: 1_683_653_400)

@Suite struct LoggerTests {
    func textLogger(_ captured: CapturedLines, level: Logger.Level = .info) -> Logger {
        Logger(
            handler: TextLogHandler(output: captured.output, now: { halfPastOne }),
            logLevel: level
        )
    }

    func jsonLogger(_ captured: CapturedLines) -> Logger {
        Logger(handler: JSONLogHandler(output: captured.output, now: { halfPastOne }))
    }

    func object(_ line: String) throws -> [String: Any] {
        let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(parsed as? [String: Any])
    }

    @Test func levelsAreOrderedFromDebugToError() {
        #expect(Logger.Level.allCases == [.debug, .info, .notice, .warning, .error])
        #expect(
            Logger.Level.allCases.map(\.description) == [
                "debug", "info", "notice", "warning", "error",
            ]
        )
        #expect(Logger.Level.debug < Logger.Level.info)
        #expect(Logger.Level.warning < Logger.Level.error)
    }

    @Test func recordsBelowTheLoggersLevelAreDroppedUnbuilt() {
        let captured = CapturedLines()
        let logger = textLogger(captured, level: .notice)
        var built = false
        logger.info(
            {
                built = true; return "step"
            }()
        )
        logger.notice("run finished")
        logger.error("run failed")
        #expect(!built)
        #expect(captured.lines.count == 2)
    }

    @Test func textLineHasTimeLevelRunMessageAndMetadata() {
        let captured = CapturedLines()
        var logger = textLogger(captured)
        logger[metadataKey: "run.id"] = 7
        logger.info("reading deliveries", metadata: ["phase": "read.deliveries"])
        #expect(
            captured.lines == [
                "2023-05-10T01:30:00+08:00 info [run 7] reading deliveries phase=read.deliveries"
            ]
        )
    }

    @Test func textMetadataIsSortedAndQuotedWhenItHasSpaces() {
        let captured = CapturedLines()
        textLogger(captured).warning(
            "refused a delivery",
            metadata: [
                "source": "hrss",
                "reason": "has 7 fields, the header has \"8\"",
                "seconds": 1.23456,
                "empty": "",
            ]
        )
        #expect(
            captured.lines == [
                "2023-05-10T01:30:00+08:00 warning refused a delivery empty=\"\" "
                    + "reason=\"has 7 fields, the header has \\\"8\\\"\" seconds=1.235 source=hrss"
            ]
        )
    }

    @Test func aLineBreakInAMessageKeepsTheRecordOnOneLine() {
        let captured = CapturedLines()
        textLogger(captured).info("first\nsecond")
        #expect(captured.lines == ["2023-05-10T01:30:00+08:00 info first\\nsecond"])
    }

    @Test func recordMetadataWinsOverTheLoggersOnASharedKey() throws {
        let captured = CapturedLines()
        var logger = jsonLogger(captured)
        logger.metadata = ["run.id": 7, "phase": "match"]
        logger.info("storing the run", metadata: ["phase": "store"])
        let fields = try object(try #require(captured.lines.first))
        #expect(fields["phase"] as? String == "store")
        #expect(fields["run.id"] as? Int == 7)
    }

    @Test func jsonLineStartsWithTimeLevelAndMessageThenFlatMetadata() throws {
        let captured = CapturedLines()
        var logger = jsonLogger(captured)
        logger[metadataKey: "run.id"] = 7
        logger.info(
            "matching applications",
            metadata: ["phase": "match", "applications.count": .count(20)]
        )
        #expect(
            captured.lines == [
                "{\"ts\":\"2023-05-10T01:30:00+08:00\",\"level\":\"info\","
                    + "\"message\":\"matching applications\",\"applications.count\":20,"
                    + "\"phase\":\"match\",\"run.id\":7}"
            ]
        )
    }

    @Test func jsonEscapesQuotesBackslashesAndControlCharacters() throws {
        let captured = CapturedLines()
        let message = "a \"quoted\" \\ path\n\tand a bell \u{7}, 昆山"
        jsonLogger(captured).info(message, metadata: ["nan": .double(.nan)])
        let line = try #require(captured.lines.first)
        #expect(!line.contains("\n"))
        let fields = try object(line)
        #expect(fields["message"] as? String == message)
        #expect(fields["nan"] is NSNull)
    }

    @Test func metadataNamedLikeAFixedKeyDoesNotHideIt() throws {
        let captured = CapturedLines()
        jsonLogger(captured).info("step", metadata: ["level": "custom", "message": "other"])
        let fields = try object(try #require(captured.lines.first))
        #expect(fields["level"] as? String == "info")
        #expect(fields["message"] as? String == "step")
        #expect(fields["metadata.level"] as? String == "custom")
        #expect(fields["metadata.message"] as? String == "other")
    }

    @Test(arguments: ["text", "json"])
    func anEighteenDigitIDNumberIsMaskedInBothFormats(format: String) {
        let captured = CapturedLines()
        let handler: any LogHandler =
            format == "json"
            ? JSONLogHandler(output: captured.output, now: { halfPastOne })
            : TextLogHandler(output: captured.output, now: { halfPastOne })
        let logger = Logger(handler: handler)
        logger.warning(
            "no record for 320583201706011064",
            metadata: ["detail": "id 32058319850315103X", "rows.read": .count(1_200_000)]
        )
        let line = captured.lines.joined()
        #expect(!line.contains("320583201706011064"))
        #expect(line.contains("320583********1064"))
        #expect(!line.contains("32058319850315103X"))
        #expect(line.contains("320583********103X"))
        // Numbers are counts by their type, and stay readable.
        #expect(line.contains("1200000"))
    }

    @Test func theSilentLoggerWritesNothing() {
        Logger.silent.error("nobody hears this")
        #expect(Logger.silent.logLevel == .info)
    }
}
