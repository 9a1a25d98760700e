import ArgumentParser
import ClienteleKit
import Foundation

/// Where the store is, for every command that uses it.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite store.", valueName: "file"))
    var db = "clientele.db"
}
