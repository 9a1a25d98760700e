import ArgumentParser
import ClienteleKit
import Foundation
import Parsers

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read logs and the shop's CSV files into the store: visitors, sessions, customers.",
        discussion: """
            Definitions (also in the README, "Store schema"):
              pageview    a GET (or a line without a method) with status
                          200-399 of a page (not a style, script, image,
                          font, download or robots.txt) by a client that
                          is not a bot
              visitor     the --visitor-field value when the line has one,
                          else client address + user agent
              bot         a user agent on the bot list (search engines,
                          SEO crawlers, monitors, HTTP libraries, headless
                          browsers, empty) - counted per bot and day, never
                          in sessions - or a visitor that fetched
                          /robots.txt, or made 10+ pageviews at regular
                          intervals without loading any asset
              session     a visitor's pageviews with no gap over
                          --session-timeout minutes and no change of
                          campaign (a tagged URL or outside referrer that
                          brings another channel/source/medium/campaign);
                          its channel is its landing pageview's (GA4's
                          default channel grouping)
              customer    from identity hints: --customer-field, a
                          customer id in the URL (--customer-param), an
                          order id of a completed checkout found in
                          --orders. Every session of a visitor linked to
                          one customer is that customer's, before and after
                          the hint; a visitor linked to several customers
                          (shared computer) gives each session to the
                          customer of the latest hint at or before its end
                          (or the first hint's, before any)

            Re-running is safe: log content already read is recognised by its
            first 4 KiB (also renamed or gzip'd) and skipped; a grown log is
            read from where the last run stopped; the unfinished last line of a
            plain log modified in the last 10 seconds waits for the next run. Everything is written in one
            transaction: a run that is interrupted changes nothing. A second
            ingest on the same store waits for the first.

            CSV files replace their table when their content changed; bad rows
            are reported as file:line and skipped; a file missing a required
            column is refused whole. Personal columns of customers.csv (email,
            names, phone, address...) are never stored.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var arguments: IngestArguments

    func run() throws {
        let summary = try arguments.ingest(input: input, db: store.db)
        if let scan = summary.scan { try finish(scan) }
    }
}
