import Foundation
import MatcherSync

#if canImport(Glibc)
    import Glibc
#endif

/// A progress line at the bottom of a terminal, redrawn in place, with log lines written
/// above it.
///
/// Every write to standard error goes through one display while it is in use: a log line
/// first clears the progress line, is written, and the progress line is drawn again below
/// it, so the two never mix on one line. The line is redrawn with `\r` at most once per
/// ``minimumInterval``, and is cleared when its step completes.
///
/// Limitation: the terminal's width is read once, when the display is made, because
/// following a resize needs a SIGWINCH handler, and the schedule already owns the process's
/// signal handling; a terminal made narrower during a run wraps the line and leaves copies
/// of it behind. Lifts when the display listens for SIGWINCH.
final class ProgressDisplay: @unchecked Sendable {
    // `@unchecked` because every mutable field is guarded by `lock`.
    private let lock = NSLock()
    private let write: @Sendable (String) -> Void
    private let now: @Sendable () -> Date
    private let width: Int

    /// The progress line on screen, if any.
    private var shown: String?
    private var lastDraw: Date?
    /// When each step under way sent its first report, for its rate: the sources are read
    /// side by side, so several steps may report in turn.
    private var started: [String: Date] = [:]
    private var latest: SyncProgress?

    /// Redraws closer together than this are skipped: ten a second look smooth and cost
    /// nothing.
    static let minimumInterval: TimeInterval = 0.1

    /// Creates a display that writes raw text (no line breaks added) with `write`.
    init(
        width: Int = 79,
        now: @escaping @Sendable () -> Date = { Date() },
        write: @escaping @Sendable (String) -> Void
    ) {
        self.width = width
        self.now = now
        self.write = write
    }

    /// A display on standard error, one column narrower than the terminal, since a line
    /// that fills the last column wraps on some terminals.
    static func standardError() -> ProgressDisplay {
        var size = winsize()
        let columns =
            ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 20
            ? Int(size.ws_col) - 1 : 79
        return ProgressDisplay(width: columns) { text in
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    /// Whether standard error is a terminal, where a line redrawn in place makes sense;
    /// in a file or a journal each redraw would be one more line.
    static var standardErrorIsTerminal: Bool {
        isatty(STDERR_FILENO) == 1
    }

    /// Takes a report; draws it unless the line was drawn less than ``minimumInterval``
    /// ago, and clears the line when the step is complete.
    func update(_ progress: SyncProgress) {
        lock.withLock {
            let time = now()
            if progress.isComplete {
                started[progress.step] = nil
                if latest?.step == progress.step {
                    latest = nil
                    erase()
                }
                return
            }
            if started[progress.step] == nil {
                started[progress.step] = time
            }
            latest = progress
            if let lastDraw, time.timeIntervalSince(lastDraw) < Self.minimumInterval {
                return
            }
            draw(at: time)
        }
    }

    /// Writes one line of text above the progress line.
    func writeLine(_ line: String) {
        lock.withLock {
            erase()
            write(line + "\n")
            if latest != nil {
                draw(at: now())
            }
        }
    }

    /// Clears the progress line for good, before the report is printed.
    func finish() {
        lock.withLock {
            latest = nil
            started = [:]
            erase()
        }
    }

    private func draw(at time: Date) {
        guard let latest, let start = started[latest.step] else { return }
        let text = ProgressLine.text(
            for: latest,
            elapsed: time.timeIntervalSince(start),
            width: width
        )
        // Spaces, not an escape sequence, clear what a longer line left: they work on any
        // terminal.
        let leftover = max(0, (shown?.count ?? 0) - text.count)
        write("\r" + text + String(repeating: " ", count: leftover))
        shown = text + String(repeating: " ", count: leftover)
        lastDraw = time
    }

    private func erase() {
        guard let shown else { return }
        write("\r" + String(repeating: " ", count: shown.count) + "\r")
        self.shown = nil
    }
}
