import Foundation

/// Phase timings of a report run on standard error, when the environment has `CLIENTELE_PROFILE`
/// (as for ingest): `label: seconds since start` lines, for Benchmarks/README.md.
package final class ReportProfile: @unchecked Sendable {
    private let start = Date()
    private let enabled = ProcessInfo.processInfo.environment["CLIENTELE_PROFILE"] != nil
    private let lock = NSLock()

    /// The run's profile, started when first used.
    package static let shared = ReportProfile()

    /// Prints `label: seconds since start` when profiling is on.
    package func mark(_ label: String) {
        guard enabled else { return }
        let line = "\(label): \(String(format: "%.3f", Date().timeIntervalSince(start)))\n"
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data(line.utf8))
    }
}
