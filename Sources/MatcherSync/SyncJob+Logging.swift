import MatcherCore

/// What a run logs about what it read and how it ended: one line per step an operator
/// follows, and a warning for everything refused or left pending. Counts go into metadata,
/// where handlers leave them unmasked.
extension SyncJob {
    /// The run's logger: the job's logger with the run's id on every record.
    func logger(forRun runId: Int64) -> Logger {
        var runLogger = logger
        runLogger[metadataKey: "run.id"] = .integer(runId)
        return runLogger
    }

    static func logApplications(of report: RunReport, to logger: Logger) {
        let counts = report.applications
        logger.info(
            "read the application export",
            metadata: [
                "applications.read": .count(counts.linesRead),
                "applications.new": .count(counts.new),
                "applications.resubmitted": .count(counts.resubmitted),
                "applications.withdrawn": .count(counts.withdrawn),
                "applications.deleted": .count(counts.deleted),
                "applications.live": .count(counts.live),
            ]
        )
        if !report.refusedLines.isEmpty {
            logger.warning(
                "refused lines of the application export; the report lists them",
                metadata: ["lines.refused": .count(report.refusedLines.count)]
            )
        }
    }

    static func logDeliveries(of report: RunReport, to logger: Logger) {
        for delivery in report.deliveries {
            logger.info(
                "using a delivery",
                metadata: [
                    "source": .string(delivery.source),
                    "delivery.date": .string(delivery.date),
                    "delivery.age.days": .count(delivery.ageDays),
                    "rows.read": .count(delivery.rows.values.reduce(0, +)),
                    "rows.kept": .count(delivery.rowsKept),
                ]
            )
        }
        for refused in report.refusedDeliveries {
            logger.warning(
                "refused a delivery",
                metadata: [
                    "source": .string(refused.source),
                    "delivery.date": .string(refused.date),
                    "reason": .string(refused.reason),
                ]
            )
        }
        for stale in report.staleDeliveries {
            logger.warning(
                stale.used
                    ? "using a stale delivery, as --allow-stale permits"
                    : "a stale delivery was not used: its results are pending",
                metadata: [
                    "source": .string(stale.source),
                    "delivery.date": .string(stale.date),
                    "delivery.age.days": .count(stale.ageDays),
                ]
            )
        }
        for source in report.pendingSources {
            logger.warning(
                "no complete delivery: its results are pending",
                metadata: ["source": .string(source)]
            )
        }
        if !report.refusedRows.isEmpty {
            logger.warning(
                "refused delivery rows; the report and the store list them",
                metadata: ["rows.refused": .count(report.refusedRows.count)]
            )
        }
        for warning in report.warnings {
            logger.warning(warning)
        }
    }

    static func logFinished(_ report: RunReport, to logger: Logger) {
        logger.notice(
            "run finished",
            metadata: [
                "status": .string(report.status),
                "duration.seconds": .double(report.durationSeconds),
                "applications.matched": .count(report.results.matched),
                "results.changed": .count(report.results.changed),
                "results.pending": .count(report.results.pending),
                "lines.refused": .count(report.refusedLines.count),
                "rows.refused": .count(report.refusedRows.count),
                "deliveries.refused": .count(report.refusedDeliveries.count),
            ]
        )
    }
}
