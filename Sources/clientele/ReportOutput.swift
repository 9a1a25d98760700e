import ArgumentParser
import ClienteleKit
import Foundation

/// Writes one report in the chosen format.
enum ReportOutput {
    static func write(_ report: any DepartmentReport, name: String, format: String, out: String?) throws {
        switch format {
        case "json":
            var data = try ReportCatalog.json(report)
            data.append(0x0A)
            try emit(data, to: out)
        case "csv":
            let dir = out ?? "."
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for table in report.csvTables() {
                var text = CSVWriter.line(table.header)
                for row in table.rows { text += CSVWriter.line(row) }
                let file = (dir as NSString).appendingPathComponent(table.name + ".csv")
                try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            }
        case "html":
            try emit(Data(ReportCatalog.html(report).utf8), to: out)
        default:
            try emit(Data((report.textLines().joined(separator: "\n") + "\n").utf8), to: out)
        }
    }

    static func emit(_ data: Data, to out: String?) throws {
        if let out {
            try data.write(to: URL(fileURLWithPath: out))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
