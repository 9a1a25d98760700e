import LogModel

/// What a scan read: per-source counts, rejections by reason with examples, and warnings.
package struct ScanReport: Sendable, Codable, Equatable {
    /// Counts for one input.
    package struct SourceSummary: Sendable, Codable, Equatable {
        package var name: String
        /// The format used for this source (chosen by sniffing with `--format auto`).
        package var format: String
        /// Lines read (including blank lines, directives and rejected lines).
        package var lines = 0
        /// Lines that became hits.
        package var parsed = 0
        /// Lines rejected, any reason.
        package var rejected = 0
        /// Blank lines and directives (`#Fields:`), which carry no request.
        package var ignored = 0
        /// Lines starting with NUL bytes (padding left by copytruncate rotation); the padding is
        /// dropped and whatever follows it on the line is read.
        package var nulPadded = 0
        /// Content offset (after inflation) where reading stopped, when the source was read to
        /// its end (or to its `endBytes`); `nil` when reading stopped early (unreadable,
        /// unrecognised format). Ingest records it so that a grown file is read from there.
        package var contentEnd: Int64? = nil
    }

    /// A rejected line, for showing the user where to look.
    package struct Sample: Sendable, Codable, Equatable {
        package var file: String
        package var line: Int
        package var reason: String
        /// The start of the line (at most 160 bytes, invalid UTF-8 repaired).
        package var text: String
    }

    package var sources: [SourceSummary] = []
    /// Rejected lines per reason name, reasons in `LineRejection` order.
    package var rejectedByReason: [String: Int] = [:]
    /// Up to 20 examples per reason, in file and line order.
    package var samples: [Sample] = []
    /// Damaged input that was read as far as possible (truncated gzip, unreadable file).
    package var warnings: [String] = []

    /// This report followed by `other` (a later batch of sources): sources appended, counts
    /// added, at most 20 samples per reason kept.
    package func merged(with other: ScanReport) -> ScanReport {
        var out = self
        out.sources += other.sources
        for (reason, count) in other.rejectedByReason { out.rejectedByReason[reason, default: 0] += count }
        for sample in other.samples where out.samples.filter({ $0.reason == sample.reason }).count < 20 {
            out.samples.append(sample)
        }
        out.warnings += other.warnings
        return out
    }

    package var lines: Int { sources.reduce(0) { $0 + $1.lines } }
    package var parsed: Int { sources.reduce(0) { $0 + $1.parsed } }
    package var rejected: Int { sources.reduce(0) { $0 + $1.rejected } }
    package var ignored: Int { sources.reduce(0) { $0 + $1.ignored } }
    package var nulPadded: Int { sources.reduce(0) { $0 + $1.nulPadded } }

    /// The report as lines for standard error: totals, rejections with examples, warnings.
    package func summaryLines() -> [String] {
        var out: [String] = []
        for s in sources {
            out.append("\(s.name): \(s.format), \(s.lines) lines, \(s.parsed) parsed, \(s.rejected) rejected, \(s.ignored) blank or directive")
        }
        if sources.count > 1 {
            out.append("total: \(lines) lines, \(parsed) parsed, \(rejected) rejected, \(ignored) blank or directive")
        }
        for reason in LineRejection.allCases {
            guard let count = rejectedByReason[reason.name], count > 0 else { continue }
            out.append("rejected \(count) line\(count == 1 ? "" : "s"): \(reason.message)")
            for sample in samples.filter({ $0.reason == reason.name }).prefix(3) {
                out.append("  \(sample.file):\(sample.line): \(sample.text)")
            }
        }
        for s in sources where s.nulPadded > 0 {
            out.append("warning: \(s.name): \(s.nulPadded) line\(s.nulPadded == 1 ? "" : "s") started with NUL bytes (padding left by copytruncate log rotation); the padding was skipped")
        }
        out += warnings.map { "warning: \($0)" }
        return out
    }
}
