import Foundation
import GRDB

/// The shop's own files, read and validated before the ingest transaction starts.
package struct ShopData: Sendable {
    package var customers: CSVImport<CustomerRecord>?
    package var orders: CSVImport<OrderLine>?
    package var products: CSVImport<ProductRecord>?
    package var adSpend: CSVImport<AdSpendRecord>?
    /// Content hash of each file read, by table, to skip re-importing an unchanged file.
    package var hashes: [String: String] = [:]

    package init() {}

    /// Reads the given files. A file whose content hash is `imported[table]` (the content the
    /// store last imported, `importedHashes(in:)`) is not parsed: `write` would skip it anyway.
    /// - Throws: `CSVFileError` for a file that is refused whole.
    package static func read(
        customers: String?, orders: String?, products: String?, adSpend: String?, imported: [String: String] = [:]
    ) throws(CSVFileError) -> ShopData {
        var data = ShopData()
        func changed(_ table: String, _ path: String) -> Bool {
            data.hashes[table] = fileHash(path)
            return data.hashes[table] != imported[table]
        }
        if let customers, changed("customers", customers) { data.customers = try CustomerFile.read(path: customers) }
        if let orders, changed("orders", orders) { data.orders = try OrderFile.read(path: orders) }
        if let products, changed("products", products) { data.products = try ProductFile.read(path: products) }
        if let adSpend, changed("ad_spend", adSpend) { data.adSpend = try AdSpendFile.read(path: adSpend) }
        return data
    }

    /// The `settings` key of the content hash of a table's last imported file.
    static func importHashKey(_ table: String) -> String { "import_hash:" + table }

    /// The content hash of each table's last imported file, by table.
    package static func importedHashes(in store: Store) throws -> [String: String] {
        let prefix = importHashKey("")
        return try store.queue.read { db in
            var hashes: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM settings WHERE substr(key, 1, ?) = ?", arguments: [prefix.count, prefix]) {
                hashes[String((row[0] as String).dropFirst(prefix.count))] = row[1]
            }
            return hashes
        }
    }

    /// Every problem found, in file order.
    package var problems: [CSVProblem] {
        (customers?.problems ?? []) + (orders?.problems ?? []) + (products?.problems ?? []) + (adSpend?.problems ?? [])
    }

    static func fileHash(_ path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return LogFileLedger.hash([UInt8](data)[...])
    }

    /// Replaces each table whose file was given and changed since the last import. Returns the
    /// tables written.
    func write(into db: Database) throws -> [String] {
        var written: [String] = []
        func changed(_ table: String) throws -> Bool {
            guard let hash = hashes[table] else { return false }
            let old = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [Self.importHashKey(table)])
            return old != hash
        }
        func remember(_ table: String) throws {
            try db.execute(sql: "INSERT OR REPLACE INTO settings(key, value) VALUES(?, ?)", arguments: [Self.importHashKey(table), hashes[table]!])
            written.append(table)
        }
        if let customers, try changed("customers") {
            try db.execute(sql: "DELETE FROM customers")
            var insert = try BulkStatement(db, sql: "INSERT INTO customers(customer_id, attributes) VALUES(?, ?)")
            for c in customers.rows {
                insert.bind(c.customerID)
                insert.bind(c.attributesJSON)
                try insert.run()
            }
            try remember("customers")
        }
        if let orders, try changed("orders") {
            try db.execute(sql: "DELETE FROM orders")
            var insert = try BulkStatement(db, sql: "INSERT INTO orders(order_id, customer_id, ordered_at, sku, quantity, unit_price_cents) VALUES(?, ?, ?, ?, ?, ?)")
            for o in orders.rows {
                insert.bind(o.orderID)
                insert.bind(o.customerID)
                insert.bind(o.orderedAt)
                insert.bind(o.sku)
                insert.bind(Int64(o.quantity))
                insert.bind(o.unitPriceCents)
                try insert.run()
            }
            try remember("orders")
        }
        if let products, try changed("products") {
            try db.execute(sql: "DELETE FROM products")
            var insert = try BulkStatement(db, sql: "INSERT INTO products(sku, name, category, price_cents) VALUES(?, ?, ?, ?)")
            for p in products.rows {
                insert.bind(p.sku)
                insert.bind(p.name)
                insert.bind(p.category)
                insert.bind(p.priceCents)
                try insert.run()
            }
            try remember("products")
        }
        if let adSpend, try changed("ad_spend") {
            try db.execute(sql: "DELETE FROM ad_spend")
            var insert = try BulkStatement(db, sql: """
                INSERT INTO ad_spend(date, source, medium, campaign, cost_cents) VALUES(?, ?, ?, ?, ?)
                ON CONFLICT(date, source, medium, campaign) DO UPDATE SET cost_cents = cost_cents + excluded.cost_cents
                """)
            for a in adSpend.rows {
                insert.bind(a.date)
                insert.bind(a.source)
                insert.bind(a.medium)
                insert.bind(a.campaign)
                insert.bind(a.costCents)
                try insert.run()
            }
            try remember("ad_spend")
        }
        return written
    }
}
