import Testing
@testable import LogModel

@Test func civilDaysRoundTrip() {
    for d in [-1, 0, 1, 365, 10_957, 20_000, 20_423] {
        let (y, m, dd) = CivilTime.date(days: d)
        #expect(CivilTime.days(year: y, month: m, day: dd) == d)
    }
    #expect(CivilTime.days(year: 2000, month: 3, day: 1) == 11_017)
}
