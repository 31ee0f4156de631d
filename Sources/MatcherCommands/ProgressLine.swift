import Foundation
import MatcherSync

/// The text of a progress line: `match: 12,300/45,000 applications (27%), 8,200/s, 4 s left`.
///
/// Pure: the counts and the time since the step started go in, the line comes out. The rate
/// and the time left are left out until the step has run long enough for them to mean
/// something, and the line is kept within `width` columns by shortening the step's name
/// from the front (`…/2023-05-10/persons.csv`), since its end is what tells files apart.
struct ProgressLine {
    /// Below this, a rate would be a guess from a handful of items.
    static let minimumElapsed: TimeInterval = 0.5

    static func text(
        for progress: SyncProgress,
        elapsed: TimeInterval,
        width: Int = 79
    ) -> String {
        let done = min(progress.done, progress.total)
        var tail = ": \(grouped(done))/\(grouped(progress.total)) \(progress.unit)"
        if progress.total > 0 {
            tail += " (\(done * 100 / progress.total)%)"
        }
        if elapsed >= minimumElapsed, done > 0 {
            let rate = Double(done) / elapsed
            tail += ", " + rateText(rate)
            if done < progress.total {
                tail += ", " + duration(Double(progress.total - done) / rate) + " left"
            }
        }
        return fitted(step: progress.step, tail: tail, width: width)
    }

    /// `8,200/s`, or one decimal below ten a second.
    static func rateText(_ rate: Double) -> String {
        rate >= 10 ? "\(grouped(Int(rate.rounded())))/s" : String(format: "%.1f/s", rate)
    }

    /// `42 s`, `3 min 05 s`, `1 h 02 min`; rounded up, since a time left that reads
    /// `0 s` while work remains looks stuck.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        if total < 60 {
            return "\(max(total, 1)) s"
        }
        if total < 3600 {
            return "\(total / 60) min " + twoDigits(total % 60) + " s"
        }
        return "\(total / 3600) h " + twoDigits(total % 3600 / 60) + " min"
    }

    /// `1234567` → `1,234,567`, the same under every locale.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 {
                result += ","
            }
            result.append(digit)
        }
        return (number < 0 ? "-" : "") + result
    }

    private static func twoDigits(_ number: Int) -> String {
        number < 10 ? "0\(number)" : String(number)
    }

    private static func fitted(step: String, tail: String, width: Int) -> String {
        let line = step + tail
        let overflow = line.count - width
        guard overflow > 0 else { return line }
        if step.count > overflow + 1 {
            return "…" + String(step.suffix(step.count - overflow - 1)) + tail
        }
        return String(line.prefix(max(0, width - 1))) + "…"
    }
}
