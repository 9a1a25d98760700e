import ArgumentParser
import ClienteleKit
import Foundation

struct ForgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Erase a customer from the store (right to erasure) and say what was removed.",
        discussion: """
            Removes the customer's customers.csv row, their orders, every
            identity hint naming them, and their sessions' link to them; the
            pageviews stay as an anonymous visitor's. Remove them from your
            CSV files too, or a later import brings them back.
            """
    )

    @Argument(help: "The customer id.")
    var id: String

    @OptionGroup var store: StoreOptions

    func run() throws {
        do {
            let opened = try Store(path: store.db, mustExist: true)
            let lock = try IngestLock(storePath: store.db) { printError("clientele: waiting for a running ingest to finish...") }
            let o = try CustomerEraser.forget(customerID: id, store: opened)
            withExtendedLifetime(lock) {}
            print("forgot \(id): \(o.customerRows) customer row, \(o.orderLines) order lines, \(o.identityHints) identity hints, \(o.sessionsUnlinked) sessions unlinked")
        } catch let error as StoreError {
            printError("clientele: \(error.description)")
            throw ExitCode(2)
        }
    }
}
