import Foundation

/// With `CLIENTELE_PROFILE` set, prints `phase: seconds since the process started` on stderr
/// at each mark, so a slow phase of a long run can be found without a profiler.
package enum PhaseClock {
    private static let enabled = ProcessInfo.processInfo.environment["CLIENTELE_PROFILE"] != nil
    private static let start: Double = {
        // The process's own start time, so work before the first mark is counted too.
        return processStart() ?? Date().timeIntervalSince1970
    }()

    /// Prints `label: seconds` when profiling is on.
    package static func mark(_ label: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\(label): \(String(format: "%.3f", Date().timeIntervalSince1970 - start))\n".utf8))
    }

    /// The process start from /proc (Linux), in seconds since 1970.
    private static func processStart() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // Field 22 (starttime, in clock ticks since boot) is the 20th after the command name.
        guard fields.count > 19, let ticks = Double(fields[19]),
              let uptimeText = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
              let uptime = Double(uptimeText.split(separator: " ")[0]) else { return nil }
        let hz = Double(sysconf(Int32(_SC_CLK_TCK)))
        return Date().timeIntervalSince1970 - uptime + ticks / hz
    }
}
