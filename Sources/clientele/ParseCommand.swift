import ArgumentParser
import ClienteleKit
import Foundation

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print every parsed line as one JSON object per line.",
        discussion: """
            Keys of each object:
              ip, time        client address; request time, ISO-8601 UTC (Z)
              method, path    HTTP method; path, percent-decoded, no query
              query           query string as logged, without '?'
              protocol        e.g. HTTP/1.1
              status, bytes   final status; response bytes
              referrer, user_agent, user, host
              duration_ms     time taken, milliseconds
              fields          every other named value: cookies as
                              cookie_NAME, headers as http_NAME, nginx
                              $arg_NAME as arg_NAME, AWS and W3C columns
                              by their own names
              c               with --classify only: what the ingest decides
                              from the line alone (ts in microseconds,
                              listed bot, path class, page kind, item,
                              quantity, customer id in the URL, referrer
                              kind and host, campaign tags, and the GA4
                              traffic source as if the referrer were
                              outside the site and as if it were the
                              site's own); for the Spark job in spark/
            A value the format lacks, or that the log wrote as '-', is null.
            Output follows input order. On stderr: lines read, parsed and
            rejected by reason, with examples as file:line.
            """
    )

    @OptionGroup var input: InputOptions

    @Flag(help: "Add each line's classification under the key c (see above).")
    var classify = false

    @Flag(name: .customLong("anonymize-ip"), help: "Mask the ip key as ingest --anonymize-ip stores it (IPv4 to /24, IPv6 to /48).")
    var anonymizeIP = false

    @Option(help: ArgumentHelp("With --classify: site profile for page kinds: \(SiteProfile.builtInNames.joined(separator: ", ")), or a TOML file.", valueName: "name|file"))
    var site = "generic"

    @Option(name: .customLong("customer-param"), help: ArgumentHelp("With --classify: query parameter carrying a customer id (repeatable; default cid, customer_id, uid).", valueName: "name"))
    var customerParams: [String] = []

    func run() throws {
        var scanner = try input.makeScanner()
        scanner.showProgress = false
        let out = FileHandle.standardOutput
        var classifier: HitClassifier? = nil
        if classify {
            let profile = try siteProfile(named: site)
            classifier = HitClassifier(profile: profile, customerParameters: customerParams.isEmpty ? IngestOptions().customerParameters : customerParams)
        }
        let made = classifier
        let anonymize = anonymizeIP
        let (_, report) = scanner.run(makeSink: { HitJSONLinesSink(classifier: made, anonymizeIP: anonymize) }) { bytes in
            out.write(Data(bytes))
        }
        try finish(report)
    }
}
