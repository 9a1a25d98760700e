/// A user-agent string as UTF-8 bytes, trimmed of spaces, with an ASCII-lowercased copy for
/// matching: the search primitives of `UserAgentClassifier`.
///
/// `lower` and `original` have the same length, so an index found in `lower` points at the
/// same byte of `original` (used to report names as written). Patterns passed in are
/// lowercase ASCII.
struct UserAgentText {
    /// The trimmed bytes as written.
    let original: [UInt8]
    /// `original` with ASCII `A`–`Z` lowercased; every other byte unchanged.
    let lower: [UInt8]

    /// Longest name reported for a bot, in characters.
    static let maximumNameLength = 64

    init(_ userAgent: String) {
        var bytes = Array(userAgent.utf8)
        var end = bytes.count
        while end > 0, Self.isSpace(bytes[end - 1]) { end -= 1 }
        var start = 0
        while start < end, Self.isSpace(bytes[start]) { start += 1 }
        if start > 0 || end < bytes.count { bytes = Array(bytes[start..<end]) }
        original = bytes
        lower = Self.lowercased(bytes)
    }

    var count: Int { lower.count }
    var isEmpty: Bool { lower.isEmpty }

    // MARK: Matching

    /// Whether `pattern` occurs at `start` and sits as `boundary` asks.
    func matches(_ pattern: [UInt8], at start: Int, boundary: KnownBot.Boundary) -> Bool {
        pattern.withUnsafeBufferPointer { matches($0, at: start, boundary: boundary) }
    }

    /// The first occurrence of `pattern` at or after `from` that sits as `boundary` asks.
    func find(_ pattern: StaticString, boundary: KnownBot.Boundary = .anywhere, from: Int = 0) -> Range<Int>? {
        pattern.withUTF8Buffer { pattern in
            guard !pattern.isEmpty, from + pattern.count <= count else { return nil }
            for start in from...(count - pattern.count) where matches(pattern, at: start, boundary: boundary) {
                return start..<(start + pattern.count)
            }
            return nil
        }
    }

    /// Whether `pattern` occurs anywhere.
    func contains(_ pattern: StaticString) -> Bool { find(pattern) != nil }

    /// Whether `pattern` occurs at `index`.
    func hasPrefix(_ pattern: StaticString, at index: Int = 0) -> Bool {
        pattern.withUTF8Buffer { matches($0, at: index, boundary: .anywhere) }
    }

    private func matches(_ pattern: UnsafeBufferPointer<UInt8>, at start: Int, boundary: KnownBot.Boundary) -> Bool {
        let end = start + pattern.count
        guard start >= 0, end <= count else { return false }
        for offset in 0..<pattern.count where lower[start + offset] != pattern[offset] { return false }
        switch boundary {
        case .anywhere:
            return true
        case .wordStart:
            return !isWordByte(before: start)
        case .word:
            return !isWordByte(before: start) && (end == count || !Self.isWordByte(lower[end]))
        case .botSuffix:
            return isGenericBotWord(start: start, end: end)
        }
    }

    private func isWordByte(before index: Int) -> Bool {
        index > 0 && Self.isWordByte(lower[index - 1])
    }

    /// `bot` not followed by a letter, and not a phone model: `Cubot`, `… power bot`,
    /// `M bot`, `Bot TAB`, `bot 5x` (the exceptions Matomo's device detector also makes).
    private func isGenericBotWord(start: Int, end: Int) -> Bool {
        if end < count {
            let next = lower[end]
            if Self.isLetter(next) { return false }
            var i = end
            if next == UInt8(ascii: " ") || next == UInt8(ascii: "_") {
                i += 1
                if hasPrefix("tab", at: i) { return false }
            }
            if i + 1 < count, lower[i] == UInt8(ascii: "5"), Self.isDigit(lower[i + 1]) { return false }
        }
        if start >= 2, lower[start - 2] == UInt8(ascii: "c"), lower[start - 1] == UInt8(ascii: "u") { return false }
        if start >= 1, lower[start - 1] == UInt8(ascii: " ") || lower[start - 1] == UInt8(ascii: "_") {
            if start >= 6, hasPrefix("power", at: start - 6) { return false }
            if start >= 2, lower[start - 2] == UInt8(ascii: "m"), !isWordByte(before: start - 2) { return false }
        }
        return true
    }

    // MARK: Numbers

    /// A hit of `version(after:)`: the token was found; `number` is the major version after it.
    struct VersionToken {
        /// The digits right after the token (up to 6), or `nil` when none follow.
        var number: String?
    }

    /// The first of `tokens` (in argument order) found, with the digits that follow it.
    func version(after tokens: StaticString..., boundary: KnownBot.Boundary = .anywhere) -> VersionToken? {
        for token in tokens {
            if let range = find(token, boundary: boundary) { return VersionToken(number: number(at: range.upperBound)) }
        }
        return nil
    }

    /// The run of ASCII digits at `index` (at most 6), or `nil` when there is none.
    func number(at index: Int) -> String? {
        var end = index
        while end < count, end - index < 6, Self.isDigit(lower[end]) { end += 1 }
        return end > index ? String(decoding: lower[index..<end], as: UTF8.self) : nil
    }

    /// The run of digits and dots at `index` (`10.0`, `5.01`), at most 8 bytes.
    func dottedVersion(at index: Int) -> String {
        var end = index
        while end < count, end - index < 8, Self.isDigit(lower[end]) || lower[end] == UInt8(ascii: ".") { end += 1 }
        return String(decoding: lower[index..<end], as: UTF8.self)
    }

    /// The first index at or after `index` that is not a space.
    func skippingSpaces(from index: Int) -> Int {
        var i = index
        while i < count, lower[i] == UInt8(ascii: " ") { i += 1 }
        return i
    }

    // MARK: URLs, e-mail and names

    /// Whether the string has `http://`, `https://` or `www.` in it.
    var containsURL: Bool { contains("http://") || contains("https://") || contains("www.") }

    /// Whether the string has an `@` between two letters or digits (`crawler@example.com`).
    var containsEmailAddress: Bool {
        guard count >= 3 else { return false }
        for i in 1..<(count - 1) where lower[i] == UInt8(ascii: "@") {
            if Self.isWordByte(lower[i - 1]), Self.isWordByte(lower[i + 1]) { return true }
        }
        return false
    }

    /// Whether `index` lies in a URL or e-mail address: the run of bytes around it up to the
    /// next space, `;`, `(`, `)` or `,` has `://` or `www.` before `index`, or an `@`.
    func isInsideURL(_ index: Int) -> Bool {
        var start = index
        while start > 0, !Self.isChunkDelimiter(lower[start - 1]) { start -= 1 }
        var end = index
        while end < count, !Self.isChunkDelimiter(lower[end]) { end += 1 }
        for i in start..<end {
            if lower[i] == UInt8(ascii: "@") { return true }
            if i < index, hasPrefix("://", at: i) || hasPrefix("www.", at: i) { return true }
        }
        return false
    }

    /// The word around `range` as written: letters, digits, `-`, `_` and `.` on both sides,
    /// without leading or trailing punctuation.
    func word(around range: Range<Int>) -> String? {
        var start = range.lowerBound
        while start > 0, Self.isNameByte(lower[start - 1]) { start -= 1 }
        var end = range.upperBound
        while end < count, Self.isNameByte(lower[end]) { end += 1 }
        return name(start..<end)
    }

    /// The product the string names: its leading token (`Tiny Tiny RSS` of
    /// `Tiny Tiny RSS/1.11 (http://tt-rss.org/)`), or for `Mozilla/…` strings the token after
    /// `compatible;` unless that is `MSIE`. Versions, URLs and e-mail addresses are left out.
    func productName() -> String? {
        var start = 0
        if hasPrefix("mozilla/") {
            guard let compatible = find("compatible;") else { return nil }
            start = skippingSpaces(from: compatible.upperBound)
        }
        var end = start
        while end < count, !Self.isProductDelimiter(lower[end]) { end += 1 }
        // Cut before a word holding a URL or an e-mail address.
        var wordStart = start
        for i in start..<end {
            if lower[i] == UInt8(ascii: " ") { wordStart = i + 1 }
            if lower[i] == UInt8(ascii: "@") || lower[i] == UInt8(ascii: ":") || hasPrefix("www.", at: i) {
                end = wordStart
                break
            }
        }
        // Drop a trailing version word (`LumiBot 2.0`) and trailing separators.
        var trimmedEnd = end
        while trimmedEnd > start, !Self.isWordByte(lower[trimmedEnd - 1]) { trimmedEnd -= 1 }
        if let space = lower[start..<trimmedEnd].lastIndex(of: UInt8(ascii: " ")), space + 1 < trimmedEnd,
            Self.isDigit(lower[space + 1])
        {
            trimmedEnd = space
            while trimmedEnd > start, !Self.isWordByte(lower[trimmedEnd - 1]) { trimmedEnd -= 1 }
        }
        guard start < trimmedEnd, Self.isWordByte(lower[start]) else { return nil }
        if hasPrefix("msie", at: start) || hasPrefix("mozilla", at: start) { return nil }
        return name(start..<trimmedEnd)
    }

    /// The host of the first URL in the string without `www.`, or `nil`.
    func urlHost() -> String? {
        var start: Int
        if let scheme = find("://") {
            start = scheme.upperBound
        } else if let www = find("www.") {
            start = www.lowerBound
        } else {
            return nil
        }
        if hasPrefix("www.", at: start) { start += 4 }
        var end = start
        while end < count,
            Self.isWordByte(lower[end]) || lower[end] == UInt8(ascii: ".") || lower[end] == UInt8(ascii: "-")
        {
            end += 1
        }
        return name(start..<end)
    }

    /// `original[range]` as a String, trimmed of `-`, `_` and `.` at the ends and capped at
    /// `maximumNameLength` characters; `nil` when nothing is left.
    private func name(_ range: Range<Int>) -> String? {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end, Self.isEdgePunctuation(lower[start]) { start += 1 }
        while end > start, Self.isEdgePunctuation(lower[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        let text = String(decoding: original[start..<end], as: UTF8.self)
        return text.count > Self.maximumNameLength ? String(text.prefix(Self.maximumNameLength)) : text
    }

    // MARK: Bytes

    /// `bytes` with ASCII `A`–`Z` lowercased.
    static func lowercased(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\n")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// ASCII letters; `lower` holds no uppercase.
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isWordByte(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isWordByte(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }

    private static func isEdgePunctuation(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: " ")
    }

    private static func isChunkDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","),
            UInt8(ascii: "\""), UInt8(ascii: "\t"):
            return true
        default:
            return false
        }
    }

    private static func isProductDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "/"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ";"), UInt8(ascii: ","):
            return true
        default:
            return false
        }
    }
}
