import ArgumentParser

@main
struct Clientele: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clientele",
        abstract: "Customer-centric web log analysis: from access logs to who came, how, and what they are worth.",
        discussion: """
            Reads access logs (nginx, Apache, IIS/W3C, AWS ALB/ELB, CloudFront, JSON lines; plain or
            .gz, files, directories, globs or - for stdin) at full speed on every core.

            Exit codes: 0 ok, 1 usage error, 2 input problems (an input could not be read, or no
            line could be parsed). Rejected lines never stop a run: they are counted by reason and
            the first ones are shown as file:line.
            """,
        subcommands: [ParseCommand.self, OverviewCommand.self]
    )
}
