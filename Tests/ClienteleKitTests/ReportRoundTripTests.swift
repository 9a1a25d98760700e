import Foundation
import Testing

@testable import ClienteleKit

/// `clientele render`: a report's JSON, read back, renders the same HTML page as the report
/// built from the store, for every report on the simulated shop.
@Suite struct ReportRoundTripTests {
    @Test(arguments: ReportCatalog.names)
    func jsonRendersTheSamePage(name: String) throws {
        let (store, _, _) = try ShopFixtureTests.ingestShop()
        let data = try ReportData.load(from: store)
        let period = ReportPeriod.resolve(data, from: nil, to: nil)
        let report = try #require(ReportCatalog.build(name, data: data, period: period))
        let decoded = try #require(try ReportCatalog.decode(ReportCatalog.json(report)))
        #expect(ReportCatalog.html(decoded) == ReportCatalog.html(report))
    }

    @Test func unknownReportIsNil() throws {
        #expect(try ReportCatalog.decode(Data(#"{"report":"nonsense"}"#.utf8)) == nil)
    }
}
