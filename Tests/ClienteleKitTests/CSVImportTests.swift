import Foundation
import Testing

@testable import ClienteleKit

/// Writes `text` (or raw bytes) as `name` in a fresh temporary directory; returns the path.
private func csvFile(_ name: String, _ text: String) throws -> String {
    try csvFile(name, bytes: Array(text.utf8))
}

private func csvFile(_ name: String, bytes: [UInt8]) throws -> String {
    let url = Fixtures.temporaryDirectory().appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

/// A problem's position and column, what the tests compare (messages are checked separately
/// where their wording matters).
private struct Where: Equatable, CustomStringConvertible {
    var line: Int
    var column: String?
    init(_ line: Int, _ column: String?) {
        self.line = line
        self.column = column
    }
    init(_ problem: CSVProblem) {
        self.init(problem.line, problem.column)
    }
    var description: String { "\(line):\(column ?? "-")" }
}

// Hand-computed reference instants (checked with `date -u -d … +%s`):
// 2026-11-03T00:00:00Z = 1793664000, 2026-11-03T14:05:00Z = 1793714700,
// 2026-11-03T13:05:00Z = 1793711100, 2026-11-03T19:35:00Z = 1793734500,
// 2026-11-02T23:45:00Z = 1793663100, 2024-02-29T12:00:00Z = 1709208000.
private let nov3Midnight: Int64 = 1_793_664_000_000_000
private let nov3At1405Z: Int64 = 1_793_714_700_000_000

// MARK: - customers.csv

@Suite struct CustomerFileTests {
    @Test func goodFileKeepsAttributesAndDropsPersonalColumns() throws {
        let path = try csvFile(
            "customers.csv",
            """
            customer_id,Email,email_sha256,First Name,last_name,Signup_Date,segment,region,phone,Street Address,city,zip,date_of_birth,ip_address,membership_tier
            C1,ann@example.com,ab12,Ann,Lee,2024-01-05,gold,EU,+45 1234,Main St 1,Aarhus,8000,1990-01-01,10.0.0.1,silver
             C2 , bob@example.com ,cd34,Bob,Kay,2025-03-01, silver ,US,,,,,,,

            """)
        let result = try CustomerFile.read(path: path)
        #expect(
            result.rows == [
                CustomerRecord(
                    customerID: "C1",
                    attributes: [
                        "email_sha256": "ab12", "signup_date": "2024-01-05", "segment": "gold", "region": "EU",
                        "membership_tier": "silver",
                    ]),
                CustomerRecord(
                    customerID: "C2",
                    attributes: [
                        "email_sha256": "cd34", "signup_date": "2025-03-01", "segment": "silver", "region": "US",
                        "membership_tier": "",
                    ]),
            ])
        #expect(result.problems.isEmpty)
        #expect(
            result.droppedColumns == [
                "email", "first name", "last_name", "phone", "street address", "city", "zip", "date_of_birth",
                "ip_address",
            ])
        let kept = result.rows.flatMap { $0.attributes.values }
        for personal in ["ann@example.com", "bob@example.com", "Ann", "Lee", "+45 1234", "Aarhus", "10.0.0.1"] {
            #expect(!kept.contains(personal))
        }
    }

    /// Column name → whether it is dropped as personal.
    @Test(arguments: [
        ("email", true), ("E-Mail", true), ("EmailAddress", true), ("email_address", true),
        ("name", true), ("first_name", true), ("last_name", true), ("full_name", true), ("Username", true),
        ("phone", true), ("phone_number", true), ("Mobile", true), ("address", true), ("street", true),
        ("billing_city", true), ("zip", true), ("zip_code", true), ("postcode", true), ("postal_code", true),
        ("birthday", true), ("date_of_birth", true), ("dob", true), ("post_code", true), ("e_mail", true),
        ("DOB", true), ("ip", true),
        ("client_ip", true), ("lastLoginIp", true), ("IPv4", true), ("password", true), ("password_hash", false),
        ("email_sha256", false), ("Email_SHA256", false), ("phone_hash", false), ("segment", false),
        ("region", false), ("signup_date", false), ("subscription_plan", false), ("shipping_country", false),
        ("membership_tier", false), ("lifetime_value", false),
    ])
    func personalColumnsAreDropped(column: String, dropped: Bool) throws {
        let path = try csvFile("customers.csv", "customer_id,\(column)\nC1,value\n")
        let result = try CustomerFile.read(path: path)
        let key = column.lowercased()
        #expect(result.droppedColumns == (dropped ? [key] : []))
        #expect(result.rows == [CustomerRecord(customerID: "C1", attributes: dropped ? [:] : [key: "value"])])
    }

    @Test func emptyDuplicateAndShortRowsAreProblems() throws {
        let path = try csvFile(
            "customers.csv",
            """
            customer_id,segment
            C1,gold
            ,silver
            C2,bronze
            C1,silver
            C3
            C4,gold,extra
            C5,gold
            """)
        let result = try CustomerFile.read(path: path)
        #expect(result.rows.map(\.customerID) == ["C1", "C2", "C5"])
        #expect(result.rows[0].attributes == ["segment": "gold"])
        #expect(
            result.problems.map(Where.init) == [
                Where(3, "customer_id"), Where(5, "customer_id"), Where(6, nil), Where(7, nil),
            ])
        #expect(result.problems[0].message == "the value is empty")
        #expect(result.problems[1].message == "duplicate customer_id, first on line 2")
        #expect(result.problems[2].message == "the row has 1 cell but the header has 2 columns")
    }

    @Test func byteOrderMarkAndCaseAndSpacesInHeader() throws {
        let path = try csvFile(
            "customers.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(" Customer_ID ,Segment\r\nC1,gold\r\nC2,\r\n".utf8))
        let result = try CustomerFile.read(path: path)
        #expect(
            result.rows == [
                CustomerRecord(customerID: "C1", attributes: ["segment": "gold"]),
                CustomerRecord(customerID: "C2", attributes: ["segment": ""]),
            ])
        #expect(result.problems.isEmpty)
    }

    @Test func keptColumnNamedTwiceRefusesTheFile() throws {
        let path = try csvFile("customers.csv", "customer_id,segment,Segment\nC1,a,b\n")
        #expect {
            try CustomerFile.read(path: path)
        } throws: { error in
            let error = error as! CSVFileError
            return error.code == .duplicateColumn && error.column == "segment"
        }
    }

    @Test func personalColumnNamedTwiceIsDroppedOnce() throws {
        let path = try csvFile("customers.csv", "customer_id,email,EMAIL\nC1,a@x,b@x\n")
        let result = try CustomerFile.read(path: path)
        #expect(result.droppedColumns == ["email"])
        #expect(result.rows == [CustomerRecord(customerID: "C1")])
    }
}

// MARK: - orders.csv

@Suite struct OrderFileTests {
    static let header = "order_id,customer_id,ordered_at,sku,quantity,unit_price"

    @Test func goodFileParsesToExactLines() throws {
        let path = try csvFile(
            "orders.csv",
            """
            Order_ID,Customer_ID,Ordered_At,SKU,Quantity,Unit_Price,channel
            O1,C1,2026-11-03T14:05:00Z,MUG-1,2,12.50,web
            O1,C1,2026-11-03T14:05:00Z,TEA-7,1,0.99,web
            O2, C2 ,2026-11-03T14:05:00+01:00,MUG-1,10,12,shop
            O3,C1,2026-11-03,BOWL,1,7.5,web

            """)
        let result = try OrderFile.read(path: path)
        #expect(
            result.rows == [
                OrderLine(
                    orderID: "O1", customerID: "C1", orderedAt: nov3At1405Z, sku: "MUG-1", quantity: 2,
                    unitPriceCents: 1250),
                OrderLine(
                    orderID: "O1", customerID: "C1", orderedAt: nov3At1405Z, sku: "TEA-7", quantity: 1,
                    unitPriceCents: 99),
                OrderLine(
                    orderID: "O2", customerID: "C2", orderedAt: 1_793_711_100_000_000, sku: "MUG-1", quantity: 10,
                    unitPriceCents: 1200),
                OrderLine(
                    orderID: "O3", customerID: "C1", orderedAt: nov3Midnight, sku: "BOWL", quantity: 1,
                    unitPriceCents: 750),
            ])
        #expect(result.problems.isEmpty)
        #expect(result.droppedColumns == ["channel"])
    }

    /// `ordered_at` text → microseconds since the epoch, computed by hand (see the reference
    /// instants at the top of this file).
    @Test(
        arguments: [
            ("2026-11-03T14:05:00Z", nov3At1405Z),
            ("2026-11-03T14:05:00+01:00", 1_793_711_100_000_000),  // 13:05Z
            ("2026-11-03T14:05:00+0100", 1_793_711_100_000_000),
            ("2026-11-03T14:05:00+01", 1_793_711_100_000_000),
            ("2026-11-03T14:05:00-05:30", 1_793_734_500_000_000),  // 19:35Z
            ("2026-11-03T14:05:00.25Z", nov3At1405Z + 250_000),
            ("2026-11-03T14:05:00.250+00:00", nov3At1405Z + 250_000),
            ("2026-11-03T14:05:00.123456789Z", nov3At1405Z + 123_456),  // truncated to µs
            ("2026-11-03t14:05:00z", nov3At1405Z),
            ("2026-11-03 14:05:00Z", nov3At1405Z),
            ("2026-11-03T14:05Z", nov3At1405Z),
            ("2026-11-03", nov3Midnight),
            ("2026-11-03T00:15:00+00:30", 1_793_663_100_000_000),  // 2026-11-02T23:45Z
            ("2024-02-29T12:00:00Z", 1_709_208_000_000_000),
            ("1970-01-01T00:00:00Z", 0),
        ] as [(String, Int64)])
    func timestampsAreConverted(text: String, micros: Int64) throws {
        let path = try csvFile("orders.csv", "\(Self.header)\nO1,C1,\(text),S,1,1\n")
        let result = try OrderFile.read(path: path)
        #expect(result.problems == [])
        #expect(result.rows.map(\.orderedAt) == [micros])
    }

    @Test(arguments: [
        "2026-11-03T14:05:00", "2026-02-29", "2026-13-01", "2026-11-31", "2026-11-3", "03/11/2026",
        "2026-11-03T24:00:00Z", "2026-11-03T14:60:00Z", "2026-11-03T14:05:60Z", "2026-11-03T14:05:00.Z",
        "2026-11-03T14:05:00+1", "2026-11-03T14:05:00+01:", "2026-11-03T14:05:00 Z", "2026-11-03Z", "tomorrow",
        "1793714700",
    ])
    func badTimestampsAreProblems(text: String) throws {
        let path = try csvFile("orders.csv", "\(Self.header)\nO1,C1,\(text),S,1,1\nO2,C1,2026-11-03,S,1,1\n")
        let result = try OrderFile.read(path: path)
        #expect(result.problems.map(Where.init) == [Where(2, "ordered_at")])
        #expect(result.rows.map(\.orderID) == ["O2"])
    }

    @Test func timeWithoutZoneSaysSo() throws {
        let path = try csvFile("orders.csv", "\(Self.header)\nO1,C1,2026-11-03T14:05:00,S,1,1\n")
        let problem = try #require(try OrderFile.read(path: path).problems.first)
        #expect(problem.message == "'2026-11-03T14:05:00' has no time zone (add Z for UTC or an offset like +01:00)")
    }

    @Test(arguments: [("1", 1), ("3", 3), ("0012", 12), (" 4 ", 4), ("999999999", 999_999_999)])
    func quantities(text: String, quantity: Int) throws {
        let path = try csvFile("orders.csv", "\(Self.header)\nO1,C1,2026-11-03,S,\(text),1\n")
        #expect(try OrderFile.read(path: path).rows.map(\.quantity) == [quantity])
    }

    @Test(arguments: ["0", "-1", "+1", "1.5", "1.0", "abc", "2e2", "1 000", "1000000000"])
    func badQuantitiesAreProblems(text: String) throws {
        let path = try csvFile("orders.csv", "\(Self.header)\nO1,C1,2026-11-03,S,\(text),1\n")
        let result = try OrderFile.read(path: path)
        #expect(result.problems.map(Where.init) == [Where(2, "quantity")])
        #expect(result.rows.isEmpty)
    }

    @Test func eachRuleRejectsItsRowAndKeepsTheRest() throws {
        let path = try csvFile(
            "orders.csv",
            """
            \(Self.header)
            O1,C1,2026-11-03T14:05:00Z,MUG,2,12.50
            O1,C1,2026-11-03T14:05:00Z,TEA,1,"12,5x"
            O1,C1,2026-11-03T14:05:00Z,TEA,1,4.00
            O1,C1,2026-11-03T14:05:00Z,MUG,1,12.50
            O1,C2,2026-11-03T14:05:00Z,CUP,1,3
            O2,,2026-11-03,CUP,1,3
            O2,C2,2026-11-3,CUP,1,3
            O2,C2,2026-11-03,CUP,0,3
            O2,C2,2026-11-03,CUP,1
            O2,C2,2026-11-03,CUP,1,3,extra
            O2,C2,2026-11-03,,1,3
            O2,C2,2026-11-03,CUP,1,-3
            O2,C2,2026-11-03,CUP,1,3

            """)
        let result = try OrderFile.read(path: path)
        #expect(
            result.rows == [
                OrderLine(
                    orderID: "O1", customerID: "C1", orderedAt: nov3At1405Z, sku: "MUG", quantity: 2,
                    unitPriceCents: 1250),
                OrderLine(
                    orderID: "O1", customerID: "C1", orderedAt: nov3At1405Z, sku: "TEA", quantity: 1,
                    unitPriceCents: 400),
                OrderLine(
                    orderID: "O2", customerID: "C2", orderedAt: nov3Midnight, sku: "CUP", quantity: 1,
                    unitPriceCents: 300),
            ])
        #expect(
            result.problems.map(Where.init) == [
                Where(3, "unit_price"), Where(5, "sku"), Where(6, "customer_id"), Where(7, "customer_id"),
                Where(8, "ordered_at"), Where(9, "quantity"), Where(10, nil), Where(11, nil), Where(12, "sku"),
                Where(13, "unit_price"),
            ])
        #expect(result.problems[0].description == "\(path):3: column unit_price: '12,5x' is not a price")
        #expect(result.problems[1].message == "duplicate order_id and sku, first on line 2")
        #expect(result.problems[2].message == "order_id has another customer_id on line 2")
        #expect(result.problems[3].message == "the value is empty")
        #expect(result.problems[6].message == "the row has 5 cells but the header has 6 columns")
    }

    @Test func orderOwnedByFirstKeptRow() throws {
        // The first row for O1 is skipped (bad price), so the second row's customer owns O1.
        let path = try csvFile(
            "orders.csv",
            """
            \(Self.header)
            O1,C1,2026-11-03,A,1,x
            O1,C2,2026-11-03,B,1,1
            O1,C1,2026-11-03,C,1,1
            """)
        let result = try OrderFile.read(path: path)
        #expect(result.rows.map(\.sku) == ["B"])
        #expect(result.problems.map(Where.init) == [Where(2, "unit_price"), Where(4, "customer_id")])
        #expect(result.problems[1].message == "order_id has another customer_id on line 3")
    }

    @Test func longBadValuesAreShortenedInMessages() throws {
        let long = String(repeating: "9", count: 30) + ",secret row text that must not be echoed in full"
        let path = try csvFile("orders.csv", "\(Self.header)\nO1,C1,2026-11-03,S,1,\"\(long)\"\n")
        let problem = try #require(try OrderFile.read(path: path).problems.first)
        #expect(problem.message == "'\(long.prefix(40))…' is not a price")
    }

    /// Many rows in, the line numbers are still exact and every good row is kept.
    @Test func largeFileKeepsLineNumbers() throws {
        let count = 20_000
        var text = Self.header + "\n"
        for i in 0..<count {
            let price = i == count - 10 ? "bad" : "\(i % 100).\(i % 10)5"
            text += "O\(i),C\(i % 977),2026-11-03T14:05:00Z,S\(i % 13),\(i % 5 + 1),\(price)\n"
        }
        let result = try OrderFile.read(path: try csvFile("orders.csv", text))
        #expect(result.rows.count == count - 1)
        #expect(result.problems.map(Where.init) == [Where(count - 10 + 2, "unit_price")])
        #expect(
            result.rows.last
                == OrderLine(
                    orderID: "O19999", customerID: "C\(19_999 % 977)", orderedAt: nov3At1405Z, sku: "S\(19_999 % 13)",
                    quantity: 5, unitPriceCents: 9995))
    }
}

// MARK: - products.csv

@Suite struct ProductFileTests {
    /// Price text → cents (exact, computed by hand).
    @Test(
        arguments: [
            ("12", 1200), ("12.5", 1250), ("12.50", 1250), ("0.99", 99), ("0", 0), ("0.5", 50), ("0.05", 5),
            ("1234567.89", 123_456_789), ("007.10", 710), (" 3.20 ", 320),
            ("999999999999999.99", 99_999_999_999_999_999),
        ] as [(String, Int64)])
    func pricesAreExactCents(text: String, cents: Int64) throws {
        let path = try csvFile("products.csv", "sku,name,category,price\nA,Mug,Kitchen,\"\(text)\"\n")
        let result = try ProductFile.read(path: path)
        #expect(result.problems == [])
        #expect(result.rows.map(\.priceCents) == [cents])
    }

    @Test(arguments: [
        "12,50", "1e3", "-1", "+1", "abc", "12.345", "12.", ".5", "$12", "12 EUR", "1 000", "1,000.00", "0x10",
        "1000000000000000",
    ])
    func badPricesAreProblems(text: String) throws {
        let path = try csvFile("products.csv", "sku,name,category,price\nA,Mug,Kitchen,\"\(text)\"\nB,Cup,Kitchen,2\n")
        let result = try ProductFile.read(path: path)
        #expect(result.problems.map(Where.init) == [Where(2, "price")])
        #expect(result.problems.first?.message == "'\(text)' is not a price")
        #expect(result.rows == [ProductRecord(sku: "B", name: "Cup", category: "Kitchen", priceCents: 200)])
    }

    /// Quoted values with commas, doubled quotes and line breaks; rows after a multi-line value
    /// still report their own first line. Run with LF and CRLF line ends.
    @Test(arguments: ["\n", "\r\n"])
    func quotedFieldsAndLineNumbers(eol: String) throws {
        let lines = [
            "sku,name,category,price",  // 1
            "A1,\"Mug, large\",\"Kitchen",  // 2
            "& Dining\",9.99",  // 3
            "A2,\"Say \"\"hi\"\" plate\",Kitchen,5",  // 4
            "A3,\"Two",  // 5
            "line",  // 6
            "name\",Kitchen,1.234",  // 7
            "A4,Bowl,Kitchen,",  // 8
            "",  // 9 (blank)
            "A1,Dup,Kitchen,1",  // 10
            "A5,,,",  // 11
        ]
        let path = try csvFile("products.csv", lines.joined(separator: eol) + eol)
        let result = try ProductFile.read(path: path)
        #expect(
            result.rows == [
                ProductRecord(sku: "A1", name: "Mug, large", category: "Kitchen" + eol + "& Dining", priceCents: 999),
                ProductRecord(sku: "A2", name: "Say \"hi\" plate", category: "Kitchen", priceCents: 500),
                ProductRecord(sku: "A4", name: "Bowl", category: "Kitchen", priceCents: nil),
                ProductRecord(sku: "A5", name: "", category: "", priceCents: nil),
            ])
        #expect(result.problems.map(Where.init) == [Where(5, "price"), Where(10, "sku")])
        #expect(result.problems[1].message == "duplicate sku, first on line 2")
    }

    @Test func onlySkuColumnIsRequired() throws {
        let path = try csvFile("products.csv", "SKU,colour\nA,red\n")
        let result = try ProductFile.read(path: path)
        #expect(result.rows == [ProductRecord(sku: "A", name: "", category: "", priceCents: nil)])
        #expect(result.droppedColumns == ["colour"])
    }
}

// MARK: - ad_spend.csv

@Suite struct AdSpendFileTests {
    @Test func goodRowsAndProblems() throws {
        let path = try csvFile(
            "ad_spend.csv",
            """
            date,source,medium,campaign,cost
            2026-11-01,google,cpc,black_friday,120.50
            2026-11-01,newsletter,email,,0

            2026-11-31,google,cpc,x,1
            2026-11-02,,cpc,x,1
            2026-11-02,google,cpc,x,1.005
            2026-11-02,google,cpc,x,
            1.11.2026,google,cpc,x,1
            2026-11-02,facebook,paid_social,Spring Sale,1000
            """)
        let result = try AdSpendFile.read(path: path)
        #expect(
            result.rows == [
                AdSpendRecord(
                    date: "2026-11-01", source: "google", medium: "cpc", campaign: "black_friday", costCents: 12050),
                AdSpendRecord(date: "2026-11-01", source: "newsletter", medium: "email", campaign: "", costCents: 0),
                AdSpendRecord(
                    date: "2026-11-02", source: "facebook", medium: "paid_social", campaign: "Spring Sale",
                    costCents: 100_000),
            ])
        #expect(
            result.problems.map(Where.init) == [
                Where(5, "date"), Where(6, "source"), Where(7, "cost"), Where(8, "cost"), Where(9, "date"),
            ])
        #expect(result.problems[0].message == "'2026-11-31' is not a date (YYYY-MM-DD)")
        #expect(result.problems[2].message == "'1.005' is not an amount")
    }
}

// MARK: - Refused files

/// Which reader a test runs.
enum CSVImportFileKind: String, Sendable, CaseIterable {
    case customers, orders, products, adSpend

    func read(_ path: String) throws(CSVFileError) {
        switch self {
        case .customers: _ = try CustomerFile.read(path: path)
        case .orders: _ = try OrderFile.read(path: path)
        case .products: _ = try ProductFile.read(path: path)
        case .adSpend: _ = try AdSpendFile.read(path: path)
        }
    }

    /// Runs the reader and returns the error it throws, or `nil`.
    func error(_ path: String) -> CSVFileError? {
        do {
            try read(path)
            return nil
        } catch {
            return error
        }
    }
}

@Suite struct CSVFileErrorTests {
    @Test(arguments: [
        (CSVImportFileKind.customers, "id,segment", "customer_id"),
        (.orders, "order_id,customer_id,ordered_at,sku,quantity", "unit_price"),
        (.orders, "order_id,customer,ordered_at,sku,quantity,unit_price", "customer_id"),
        (.orders, "order_id,customer_id,date,sku,quantity,unit_price", "ordered_at"),
        (.products, "name,category,price", "sku"),
        (.adSpend, "date,source,medium,cost", "campaign"),
        (.adSpend, "day,source,medium,campaign,cost", "date"),
    ])
    func missingRequiredColumnRefusesTheFile(kind: CSVImportFileKind, header: String, missing: String) throws {
        let path = try csvFile("\(kind).csv", header + "\n" + "a,b,c,d,e,f\n")
        let error = try #require(kind.error(path))
        #expect(error.code == .missingColumn)
        #expect(error.column == missing)
        #expect(error.description == "\(path): required column '\(missing)' is missing from the header row")
    }

    @Test(arguments: CSVImportFileKind.allCases, [[], [0xEF, 0xBB, 0xBF], Array("\n\n  \n".utf8)] as [[UInt8]])
    func emptyFileIsRefused(kind: CSVImportFileKind, bytes: [UInt8]) throws {
        let path = try csvFile("\(kind).csv", bytes: bytes)
        #expect(kind.error(path)?.code == .empty)
    }

    @Test(arguments: CSVImportFileKind.allCases)
    func invalidUTF8IsRefusedWithItsLine(kind: CSVImportFileKind) throws {
        let bytes = Array("customer_id,sku\nA,B\nC,".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let error = try #require(kind.error(try csvFile("\(kind).csv", bytes: bytes)))
        #expect(error.code == .notUTF8)
        #expect(error.line == 3)
    }

    @Test func unreadablePathsAreRefused() throws {
        let directory = Fixtures.temporaryDirectory()
        let missing = directory.appendingPathComponent("nope.csv").path
        let error = try #require(CSVImportFileKind.orders.error(missing))
        #expect(error.code == .unreadable)
        #expect(error.description == "\(missing): cannot open: No such file or directory")
        #expect(CSVImportFileKind.products.error(directory.path)?.code == .unreadable)
    }

    @Test func requiredColumnNamedTwiceRefusesTheFile() throws {
        let path = try csvFile("products.csv", "sku,name,SKU\nA,b,c\n")
        let error = try #require(CSVImportFileKind.products.error(path))
        #expect(error.code == .duplicateColumn)
        #expect(error.column == "sku")
    }

    @Test func problemDescription() {
        let problem = CSVProblem(file: "orders.csv", line: 14, column: "unit_price", message: "'12,5x' is not a price")
        #expect(problem.description == "orders.csv:14: column unit_price: '12,5x' is not a price")
        let row = CSVProblem(
            file: "orders.csv", line: 3, column: nil, message: "the row has 5 cells but the header has 6 columns")
        #expect(row.description == "orders.csv:3: the row has 5 cells but the header has 6 columns")
    }
}
