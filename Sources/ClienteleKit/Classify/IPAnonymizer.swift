/// Masks client addresses for privacy, as GoAccess's `--anonymize-ip` does: the last octet of
/// an IPv4 address becomes 0 (a /24), an IPv6 address keeps its first three groups (a /48).
package enum IPAnonymizer {
    /// The masked address; anything that is not an IP address (a host name) is returned as is.
    package static func mask(_ address: String) -> String {
        if address.contains(":") {
            // IPv6, possibly with `::` compression and an embedded IPv4 tail.
            let halves = address.split(separator: "::", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            var groups: [String]
            if halves.count == 2 {
                let head = halves[0].isEmpty ? [] : halves[0].split(separator: ":").map(String.init)
                let tail = halves[1].isEmpty ? [] : halves[1].split(separator: ":").map(String.init)
                groups = head + Array(repeating: "0", count: max(0, 8 - head.count - tail.count)) + tail
            } else {
                groups = address.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            }
            guard groups.count >= 3, groups.prefix(3).allSatisfy({ $0.count <= 4 && $0.allSatisfy(\.isHexDigit) }) else {
                return address
            }
            let kept = groups.prefix(3).map { g in
                let trimmed = g.drop { $0 == "0" }
                return trimmed.isEmpty ? "0" : String(trimmed).lowercased()
            }
            return kept.joined(separator: ":") + "::"
        }
        let parts = address.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }) else {
            return address
        }
        return parts.prefix(3).joined(separator: ".") + ".0"
    }
}
