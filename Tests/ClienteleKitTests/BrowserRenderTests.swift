import Foundation
import Parsers
import Testing

@testable import ClienteleKit

/// Renders the simulated shop's pages in headless Chromium (Debian package `chromium`, which
/// `.ci/run` installs) and fails on a script error, any network request, or an empty chart.
@Suite(.serialized) struct BrowserRenderTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Writes every page of the shop fixture into a fresh directory.
    static func writePages() throws -> (dir: URL, pages: [String]) {
        let (store, _, _) = try ShopFixtureTests.ingestShop()
        let data = try ReportData.load(from: store)
        let period = ReportPeriod.resolve(data, from: nil, to: nil)
        let dir = Fixtures.temporaryDirectory()
        var pages: [String] = []
        var entries: [(name: String, file: String, question: String, headline: [String])] = []
        for name in ReportCatalog.names {
            let report = try #require(ReportCatalog.build(name, data: data, period: period))
            try ReportCatalog.html(report).write(to: dir.appendingPathComponent("\(name).html"), atomically: true, encoding: .utf8)
            pages.append("\(name).html")
            entries.append((name, "\(name).html", ReportCatalog.questions[name]!, report.headline))
        }
        let top = try #require(data.orders.max { $0.revenueCents < $1.revenueCents })
        let timeline = try CustomerTimeline.build(customerID: top.customerID, store: store)
        let file = HTMLReportRenderer.customerFileName(id: top.customerID)
        try HTMLReportRenderer.page(timeline).write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
        pages.append(file)
        try HTMLReportRenderer.index(reports: entries, customers: [(top.customerID, file, Money(cents: top.revenueCents))], period: period)
            .write(to: dir.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        pages.append("index.html")
        return (dir, pages)
    }

    /// Runs Chromium headless on one page; returns its stderr (console messages).
    static func chromium(_ arguments: [String], page: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium!)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
            "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000", "--disable-component-update",
            // Nothing leaves the machine, whatever Chromium itself tries (update and account checks).
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ] + arguments + [page.absoluteString]
        // Files, not pipes: the DOM is larger than a pipe's buffer, and reading one pipe to its
        // end while Chromium blocks on the other would deadlock.
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        defer { try? FileManager.default.removeItem(at: output) }
        process.standardError = handle
        process.standardOutput = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    @Test func pagesRenderWithoutErrorsRequestsOrEmptyCharts() throws {
        try #require(Self.chromium != nil, "install Chromium (apt-get install -y chromium); .ci/run does")
        let (dir, pages) = try Self.writePages()
        for page in pages {
            let url = dir.appendingPathComponent(page)
            // 1. The DOM after scripts ran, with console output on stderr.
            let netLog = dir.appendingPathComponent(page + ".netlog.json")
            let dom = try Self.chromium(["--dump-dom", "--log-net-log=\(netLog.path)"], page: url)
            #expect(!dom.contains("Uncaught"), "\(page): script error: \(dom.split(separator: "\n").first { $0.contains("Uncaught") } ?? "")")
            #expect(dom.contains("</html>"), "\(page): no document rendered")
            // 2. The page requested nothing: the net log names every network URL asked for. The
            //    browser's own background checks (Google's update, time and account services)
            //    are not the page's and are left out.
            let log = (try? String(contentsOf: netLog, encoding: .utf8)) ?? ""
            let hosts = log.matches(of: /"url":"(?:https?|wss?|ftp):\/\/([^\/":?]+)/).map { String($0.1) }
            let own = ["google.com", "googleapis.com", "gvt1.com", "gstatic.com"]
            let pageRequests = hosts.filter { host in !own.contains { host == $0 || host.hasSuffix("." + $0) } }
            #expect(pageRequests.isEmpty, "\(page): requested \(Set(pageRequests))")
            #expect(!log.isEmpty, "\(page): Chromium wrote no net log")
            // 3. Every chart draws something (or the page says there is no data).
            for svg in dom.split(separator: "<svg").dropFirst() {
                let body = svg.prefix { _ in true }.components(separatedBy: "</svg>").first ?? ""
                let marks = ["<rect", "<circle", "<path", "<polyline", "<line", "<polygon"].reduce(0) { $0 + body.components(separatedBy: $1).count - 1 }
                #expect(marks > 1, "\(page): an SVG chart with no marks")
            }
            // 4. A screenshot that is not blank.
            let png = dir.appendingPathComponent(page + ".png")
            _ = try Self.chromium(["--screenshot=\(png.path)", "--window-size=1280,2000", "--hide-scrollbars"], page: url)
            let size = (try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
            #expect(size > 20_000, "\(page): screenshot of \(size) bytes looks blank")
        }
    }
}
