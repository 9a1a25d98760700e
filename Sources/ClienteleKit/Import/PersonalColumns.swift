/// Tells which columns of customers.csv hold personal data, which is never kept.
///
/// A column is personal when its lowercased name, as written or with everything but letters
/// and digits removed (`e-mail`, `post_code`), contains `email`, `name`, `phone`, `mobile`,
/// `address`, `street`, `city`, `zip`, `postcode`, `postal`, `birth` or `password`
/// (`first_name`, `EmailAddress`, `billing_city`, `date_of_birth`), or when one of its words
/// is `ip`, `ipv4`, `ipv6`, `ipaddr` or `dob` (`ip`, `client_ip`, `lastLoginIp`, `DOB`). Words
/// are split at anything but letters and digits and where a lowercase letter meets an
/// uppercase one. The short terms are matched as words so that `subscription`, `shipping`,
/// `membership` or `adobe_id` are not mistaken for them.
///
/// Exception: names ending in `_sha256` or `_hash` (`email_sha256`, `phone_hash`) hold
/// pseudonymous hashes and are kept.
enum PersonalColumns {
    private static let fragments = [
        "email", "name", "phone", "mobile", "address", "street", "city", "zip", "postcode", "postal", "birth",
        "password",
    ]
    private static let words: Set<String> = ["ip", "ipv4", "ipv6", "ipaddr", "dob"]

    /// Whether the column `name` (as written in the header, trimmed) holds personal data.
    static func isPersonal(_ name: String) -> Bool {
        let lower = name.lowercased()
        if lower.hasSuffix("_sha256") || lower.hasSuffix("_hash") { return false }
        let joined = String(
            lower.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil })
        if fragments.contains(where: { lower.contains($0) || joined.contains($0) }) { return true }
        return Self.words(of: name).contains { words.contains($0) }
    }

    /// The lowercased words of a column name: split at non-alphanumerics and at a lowercase
    /// letter followed by an uppercase one (`lastLoginIp` → `last`, `login`, `ip`).
    private static func words(of name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for character in name {
            guard character.isLetter || character.isNumber else {
                if !current.isEmpty { words.append(current.lowercased()) }
                current = ""
                previousWasLower = false
                continue
            }
            if character.isUppercase && previousWasLower {
                words.append(current.lowercased())
                current = ""
            }
            current.append(character)
            previousWasLower = character.isLowercase
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        return words
    }
}
