import Testing
@testable import ClienteleKit
