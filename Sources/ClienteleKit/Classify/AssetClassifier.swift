/// Tells static assets and machine files from page requests, by path alone.
///
/// Ask it before `SiteProfile.classify(path:query:)`: an asset is never a pageview. The kinds
/// matter beyond pageviews: browsers fetch subresources while rendering a page and bots
/// usually do not, while bots fetch `robots.txt` and sitemaps that browsers never ask for.
///
/// Rules, on the percent-decoded path without its query, first match wins:
/// 1. Paths under `/cart/` are pages (Shopify's AJAX cart: `/cart/add.js` is an add-to-cart).
/// 2. Machine files → `.metadata`: `/.well-known/…`; any `.txt` or `.xml` file (`robots.txt`,
///    `ads.txt`, `humans.txt`, `security.txt`, `llms.txt`, sitemaps such as `sitemap.xml`,
///    `product-sitemap.xml`, `sitemap_products_1.xml`, XML feeds).
/// 3. Asset folders → by extension when it is known, else `.subresource`: `/static/`,
///    `/assets/`, `/wp-content/uploads/`, `/wp-content/themes/`, `/wp-includes/`, `/cdn/`
///    (Shopify's `/cdn/shop/files/…`), `/_next/static/`.
/// 4. The last segment's extension (ASCII case-insensitive):
///    - `.subresource` (what a browser loads for a page): `css js mjs map wasm json
///      webmanifest png jpg jpeg gif webp avif svg ico bmp tif tiff heic cur woff woff2 ttf
///      otf eot mp4 webm ogv mov m4v mp3 ogg oga wav m4a flac vtt`;
///    - `.download` (fetched on purpose, not a page view): `pdf zip gz tgz tar bz2 xz zst 7z rar
///      dmg exe msi iso apk epub csv xls xlsx doc docx ppt pptx odt ods`.
/// 5. Everything else (no extension, `.html`, `.php`, `.aspx`, …) → `.page`.
///
/// Decisions: PDFs and office documents are downloads, not pages (like GoAccess's static
/// list), so they never count as article reads; `.json` counts as a subresource because it
/// is fetched by scripts, never navigated to; `/favicon.ico` and `apple-touch-icon.png` are
/// subresources by extension. Limits: a page served with an asset extension (a rewritten
/// `/report.pdf` landing page) is not a page; an asset without an extension outside the asset
/// folders (`/image?id=3`) is a page; the `/cart/` exception holds for every site.
package enum AssetClassifier {
    /// What a path is, for pageview counting and bot behaviour.
    package enum Kind: String, Sendable, Hashable, Codable {
        /// Anything that may be a page; the site profile says which.
        case page
        /// Loaded by a browser while it renders a page: styles, scripts, images, fonts,
        /// media, data fetched by scripts.
        case subresource
        /// A file fetched on purpose: documents, archives, installers.
        case download
        /// A file for machines: robots.txt, sitemaps, feeds, `/.well-known/`.
        case metadata
    }

    /// True for every path that is not a page: `kind(path:) != .page`.
    ///
    /// Cost: as `kind(path:)`.
    /// - Parameter path: The percent-decoded request path, without the query.
    package static func isAsset(path: String) -> Bool {
        kind(path: path) != .page
    }

    /// True for `/robots.txt` (ASCII case-insensitive, at the site root only). It is also
    /// `.metadata`, hence an asset; bot detection wants to know it separately (fetching it
    /// first is a bot's habit).
    ///
    /// - Parameter path: The percent-decoded request path, without the query.
    package static func isRobotsTxt(path: String) -> Bool {
        guard path.utf8.count == robotsTxt.count else { return false }
        for (byte, expected) in zip(path.utf8, robotsTxt) where lowercased(byte) != expected { return false }
        return true
    }

    /// Classifies one path.
    ///
    /// Cost: a few prefix comparisons and one backwards scan of the last segment for its
    /// extension, packed into an integer and looked up in a table; no allocation for native
    /// strings.
    /// - Parameter path: The percent-decoded request path, without the query.
    /// - Returns: The path's kind.
    package static func kind(path: String) -> Kind {
        var path = path
        path.makeContiguousUTF8()
        // The string was just made contiguous, so the closure always runs.
        return path.utf8.withContiguousStorageIfAvailable { kind(bytes: $0) } ?? .page
    }

    private static func kind(bytes: UnsafeBufferPointer<UInt8>) -> Kind {
        if hasPrefix(bytes, cartFolder) { return .page }
        if hasPrefix(bytes, wellKnownFolder) { return .metadata }
        let extensionKind = extensionKind(bytes)
        if extensionKind == .metadata { return .metadata }
        for folder in assetFolders where hasPrefix(bytes, folder) {
            return extensionKind ?? .subresource
        }
        return extensionKind ?? .page
    }

    /// The kind the last segment's extension says, or `nil` for none or an unknown one.
    private static func extensionKind(_ bytes: UnsafeBufferPointer<UInt8>) -> Kind? {
        // Find the last "." of the last segment; extensions longer than 11 bytes (the
        // longest known, `webmanifest`) are not assets.
        var dot = bytes.count - 1
        while dot >= 0 && bytes[dot] != UInt8(ascii: ".") {
            if bytes[dot] == UInt8(ascii: "/") || bytes.count - dot > 11 { return nil }
            dot -= 1
        }
        let start = dot + 1
        let length = bytes.count - start
        guard dot >= 0, length > 0 else { return nil }
        if length > 8 {
            return equalsIgnoringASCIICase(Array(bytes[start...]), 0, webmanifest) ? .subresource : nil
        }
        // Up to eight lowercased bytes packed big-endian: one integer lookup, no String.
        var packed: UInt64 = 0
        for byte in bytes[start...] {
            packed = packed << 8 | UInt64(lowercased(byte))
        }
        return extensions[packed]
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard bytes.count >= prefix.count else { return false }
        for i in 0..<prefix.count where lowercased(bytes[i]) != prefix[i] { return false }
        return true
    }

    private static func equalsIgnoringASCIICase(_ bytes: [UInt8], _ start: Int, _ expected: [UInt8]) -> Bool {
        guard bytes.count - start == expected.count else { return false }
        for i in 0..<expected.count where lowercased(bytes[start + i]) != expected[i] { return false }
        return true
    }

    private static let robotsTxt = Array("/robots.txt".utf8)
    private static let webmanifest = Array("webmanifest".utf8)
    private static let cartFolder = Array("/cart/".utf8)
    private static let wellKnownFolder = Array("/.well-known/".utf8)
    private static let assetFolders = [
        "/static/", "/assets/", "/wp-content/uploads/", "/wp-content/themes/", "/wp-includes/", "/cdn/",
        "/_next/static/",
    ].map { Array($0.utf8) }

    /// Known extensions, packed big-endian into a `UInt64` (at most eight bytes).
    private static let extensions: [UInt64: Kind] = {
        let subresource = """
            css js mjs map wasm json png jpg jpeg gif webp avif svg ico bmp tif tiff heic cur woff woff2 ttf \
            otf eot mp4 webm ogv mov m4v mp3 ogg oga wav m4a flac vtt
            """
        let download =
            "pdf zip gz tgz tar bz2 xz zst 7z rar dmg exe msi iso apk epub csv xls xlsx doc docx ppt pptx odt ods"
        let metadata = "txt xml"
        var table: [UInt64: Kind] = [:]
        for (list, kind) in [(subresource, Kind.subresource), (download, .download), (metadata, .metadata)] {
            for name in list.split(separator: " ") {
                table[name.utf8.reduce(0) { $0 << 8 | UInt64($1) }] = kind
            }
        }
        return table
    }()
}
