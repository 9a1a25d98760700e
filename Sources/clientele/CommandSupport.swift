import ArgumentParser
import ClienteleKit
import Foundation

/// Parses `YYYY-MM-DD` day arguments into microseconds at 00:00 UTC.
enum DayArgument {
    static func micros(_ text: String?, name: String) throws -> Int64? {
        guard let text else { return nil }
        guard let micros = ReportPeriod.dayStart(text) else { throw ValidationError("\(name): '\(text)' is not a date (YYYY-MM-DD)") }
        return micros
    }
}

/// Collects output and writes it in large pieces.
final class BufferedOutput {
    private var buffer = ""

    func write(_ text: String) {
        buffer += text
        if buffer.utf8.count > 1 << 16 { flush() }
    }

    func flush() {
        FileHandle.standardOutput.write(Data(buffer.utf8))
        buffer = ""
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// The `--site` profile: a built-in name or a TOML file. - Throws: `ValidationError` naming both.
func siteProfile(named site: String) throws -> SiteProfile {
    if let builtIn = SiteProfile.builtIn(named: site) { return builtIn }
    guard FileManager.default.fileExists(atPath: site) else {
        throw ValidationError("--site: '\(site)' is neither a built-in profile (\(SiteProfile.builtInNames.joined(separator: ", "))) nor a file")
    }
    do { return try SiteProfile.load(tomlFile: site) } catch { throw ValidationError(error.description) }
}
