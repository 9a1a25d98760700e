import ArgumentParser
import ClienteleKit
import Foundation

struct CustomerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer",
        abstract: "One customer's timeline: devices, every session with its pages, orders.",
        discussion: """
            devices      visitors (cookies, or address + user agent) whose
                         sessions belong to the customer, and the hints
                         that linked them: field (login), url (customer id
                         in a link), order (checkout of one of their orders)
            sessions     each with its channel, source / medium / campaign,
                         landing page and every pageview with its kind;
                         products viewed and carted, orders checked out
            orders       from orders.csv, with line items and revenue
                         (quantity x unit price), and the session whose
                         checkout page carried the order id, when the logs
                         saw it
            """
    )

    @Argument(help: "The customer id, as in customers.csv / orders.csv / the login field.")
    var id: String

    @OptionGroup var store: StoreOptions

    @Flag(help: "Write JSON instead of text.")
    var json = false

    func run() throws {
        let timeline: CustomerTimeline
        do {
            let opened = try Store(path: store.db, mustExist: true)
            timeline = try CustomerTimeline.build(customerID: id, store: opened)
        } catch let error as StoreError {
            printError("clientele: \(error.description)")
            throw ExitCode(2)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(timeline) + Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(timeline.text.utf8))
        }
    }
}
