import Foundation
import MatcherSync
import Testing

@testable import MatcherCommands

/// A terminal and a clock for the display, both under the test's control.
final class FakeTerminal: @unchecked Sendable {
    // `@unchecked` because every field is guarded by `lock`.
    private let lock = NSLock()
    private var written: [String] = []
    private var time = Date(timeIntervalSince1970: 1_683_653_400)

    var writes: [String] { lock.withLock { written } }

    var screen: String { writes.joined() }

    func advance(_ seconds: TimeInterval) {
        lock.withLock { time.addTimeInterval(seconds) }
    }

    func display(width: Int = 79) -> ProgressDisplay {
        ProgressDisplay(
            width: width,
            now: { self.lock.withLock { self.time } },
            write: { text in self.lock.withLock { self.written.append(text) } }
        )
    }
}

@Suite struct ProgressDisplayTests {
    func match(_ done: Int) -> SyncProgress {
        SyncProgress(step: "match", unit: "applications", done: done, total: 1_000)
    }

    @Test func theLineIsRedrawnAtMostTenTimesASecond() {
        let terminal = FakeTerminal()
        let display = terminal.display()
        // 100 reports over one second.
        for done in 0..<100 {
            display.update(match(done))
            terminal.advance(0.01)
        }
        #expect((10...11).contains(terminal.writes.count))
        #expect(terminal.writes.allSatisfy { $0.hasPrefix("\r") && !$0.contains("\n") })
    }

    @Test func aLogLineClearsTheProgressLineAndItIsDrawnAgainBelow() throws {
        let terminal = FakeTerminal()
        let display = terminal.display()
        display.update(match(10))
        display.writeLine("2023-05-10T01:30:00+08:00 info [run 7] storing the run")
        let writes = terminal.writes
        #expect(writes.count == 4)
        let first = try #require(writes.first)
        #expect(first == "\rmatch: 10/1,000 applications (1%)")
        #expect(writes[1] == "\r" + String(repeating: " ", count: first.count - 1) + "\r")
        #expect(writes[2] == "2023-05-10T01:30:00+08:00 info [run 7] storing the run\n")
        #expect(writes[3] == first)
    }

    @Test func aCompleteStepClearsTheLineAndIsNotDrawnAgain() {
        let terminal = FakeTerminal()
        let display = terminal.display()
        display.update(match(10))
        display.update(match(1_000))
        display.writeLine("run finished")
        #expect(terminal.writes.count == 3)
        #expect(terminal.writes.last == "run finished\n")
        let drawn = terminal.writes[0]
        #expect(terminal.writes[1] == "\r" + String(repeating: " ", count: drawn.count - 1) + "\r")
    }

    @Test func finishingClearsTheLineOnceAndWithoutADrawnLineWritesNothing() {
        let terminal = FakeTerminal()
        let display = terminal.display()
        display.finish()
        #expect(terminal.writes.isEmpty)
        display.update(match(10))
        display.finish()
        display.finish()
        #expect(terminal.writes.count == 2)
    }

    @Test func aShorterLineOverwritesWhatALongerOneLeft() {
        let terminal = FakeTerminal()
        let display = terminal.display()
        display.update(
            SyncProgress(step: "read a/long/step/name.csv", unit: "rows", done: 1, total: 9)
        )
        terminal.advance(1)
        display.update(match(10))
        let writes = terminal.writes
        #expect(writes.count == 2)
        #expect(writes[1].count == writes[0].count)
        #expect(writes[1].hasPrefix("\rmatch: 10/1,000"))
    }

    @Test func stepsReportingInTurnKeepTheirOwnRates() throws {
        let terminal = FakeTerminal()
        let display = terminal.display()
        func read(_ file: String, _ done: Int) -> SyncProgress {
            SyncProgress(step: "read " + file, unit: "rows", done: done, total: 10_000_000)
        }
        // Two files read side by side, one twice as fast as the other, for ten seconds.
        for second in 0...10 {
            display.update(read("hrss", second * 200_000))
            terminal.advance(0.5)
            display.update(read("medical", second * 100_000))
            terminal.advance(0.5)
        }
        let writes = terminal.writes
        #expect(writes.suffix(2).first?.contains("read hrss: 2,000,000/10,000,000") == true)
        #expect(writes.suffix(2).first?.contains("200,000/s") == true)
        #expect(writes.last?.contains("read medical: 1,000,000/10,000,000 rows") == true)
        #expect(writes.last?.contains("100,000/s") == true)
        // One finishing leaves the other on screen.
        display.update(read("hrss", 10_000_000))
        terminal.advance(1)
        display.update(read("medical", 1_100_000))
        #expect(try #require(terminal.writes.last).contains("read medical: 1,100,000"))
    }
}
