import Foundation
import Synchronization

/// Counters the scan updates as it goes, and an optional once-a-second progress line on
/// standard error (bytes read, lines per second, estimated time left).
package final class ScanProgress: Sendable {
    let consumedBytes = Atomic<Int64>(0)
    let lines = Atomic<Int64>(0)
    let totalBytes: Int64
    let start = ContinuousClock.now
    private let stopped = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)

    init(totalBytes: Int64) {
        self.totalBytes = totalBytes
    }

    /// Starts printing to standard error every second until `stop()`.
    func startPrinting() {
        let thread = Thread { [self] in
            while !stopped.load(ordering: .relaxed) {
                for _ in 0..<10 where !stopped.load(ordering: .relaxed) { usleep(100_000) }
                if stopped.load(ordering: .relaxed) { break }
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + line()).utf8))
            }
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            done.signal()
        }
        thread.start()
    }

    func stop(wasPrinting: Bool) {
        stopped.store(true, ordering: .relaxed)
        if wasPrinting { done.wait() }
    }

    /// `412 MB of 2.4 GB (17%), 3,100,000 lines/s, 0:06 left`.
    func line() -> String {
        let seconds = max((ContinuousClock.now - start) / .seconds(1), 0.001)
        let bytes = consumedBytes.load(ordering: .relaxed)
        let rate = Double(lines.load(ordering: .relaxed)) / seconds
        var text = "\(Self.megabytes(bytes))"
        if totalBytes > 0 {
            let fraction = min(Double(bytes) / Double(totalBytes), 1)
            text += " of \(Self.megabytes(totalBytes)) (\(Int(fraction * 100))%)"
            if fraction > 0.01 {
                let left = Int(seconds / fraction - seconds)
                text += ", \(left / 60):\(String(format: "%02d", left % 60)) left"
            }
        }
        return text + ", \(Int(rate).formatted()) lines/s"
    }

    static func megabytes(_ bytes: Int64) -> String {
        bytes >= 1_000_000_000
            ? String(format: "%.1f GB", Double(bytes) / 1e9) : String(format: "%.0f MB", Double(bytes) / 1e6)
    }
}
