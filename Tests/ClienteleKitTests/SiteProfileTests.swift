import Foundation
import Testing

@testable import ClienteleKit

/// A request and the page kind its profile must give. Expected values follow each
/// platform's URL conventions (WooCommerce endpoints, Shopify online-store and checkout URLs,
/// Magento 2 URL rewrites), not the classifier's output.
struct SiteProfilePageCase: CustomTestStringConvertible, Sendable {
    var path: String
    var query: String?
    var expected: PageKind
    var testDescription: String { "\(path)\(query.map { "?\($0)" } ?? "") → \(expected.name)" }

    init(_ path: String, _ query: String?, _ expected: PageKind) {
        self.path = path
        self.query = query
        self.expected = expected
    }

    init(_ path: String, _ expected: PageKind) {
        self.init(path, nil, expected)
    }
}

// MARK: - Built-in profiles

private let genericCases: [SiteProfilePageCase] = [
    SiteProfilePageCase("/product/ABC-123", .product(sku: "ABC-123")),
    SiteProfilePageCase("/products/abc-123/", .product(sku: "abc-123")),
    SiteProfilePageCase("/p/12345", "utm_source=newsletter&utm_medium=email", .product(sku: "12345")),
    SiteProfilePageCase("/PRODUCT/Blue-Mug", .product(sku: "Blue-Mug")),
    SiteProfilePageCase("/product/blå-kop", .product(sku: "blå-kop")),
    SiteProfilePageCase("//product//ABC", .product(sku: "ABC")),
    SiteProfilePageCase("/product/abc/reviews", .other),
    SiteProfilePageCase("/product/", .other),
    SiteProfilePageCase("/category/men/shoes", .category(name: "men/shoes")),
    SiteProfilePageCase("/c/sale/", .category(name: "sale")),
    SiteProfilePageCase("/category", .other),
    SiteProfilePageCase("/blog/how-to-brew", .article(slug: "how-to-brew")),
    SiteProfilePageCase("/articles/2024-recap", .article(slug: "2024-recap")),
    SiteProfilePageCase("/news/launch/", .article(slug: "launch")),
    SiteProfilePageCase("/blog", .other),
    SiteProfilePageCase("/blog/2024/recap", .other),
    SiteProfilePageCase("/search", "q=blue+mug", .search(term: "blue mug")),
    SiteProfilePageCase("/search", "page=2&query=red%20shoes", .search(term: "red shoes")),
    SiteProfilePageCase("/search/", "s=caf%C3%A9", .search(term: "café")),
    SiteProfilePageCase("/search", "Q=Mug", .search(term: "Mug")),
    SiteProfilePageCase("/search", "q=&query=kettle", .search(term: "kettle")),
    SiteProfilePageCase("/search", "q=%2B1+phone", .search(term: "+1 phone")),
    SiteProfilePageCase("/search", "q=100%", .search(term: "100%")),
    SiteProfilePageCase("/search", "q=", .other),
    SiteProfilePageCase("/search", "q=+", .other),
    SiteProfilePageCase("/search", nil, .other),
    SiteProfilePageCase("/cart/add", "sku=ABC-123&qty=2", .cartAdd(sku: "ABC-123", quantity: 2)),
    SiteProfilePageCase("/cart/add", "quantity=3&sku=XY", .cartAdd(sku: "XY", quantity: 3)),
    SiteProfilePageCase("/cart/add", "sku=XY", .cartAdd(sku: "XY", quantity: 1)),
    SiteProfilePageCase("/cart/add", "sku=XY&qty=abc", .cartAdd(sku: "XY", quantity: 1)),
    SiteProfilePageCase("/cart/add", "sku=XY&qty=0", .cartAdd(sku: "XY", quantity: 1)),
    SiteProfilePageCase("/cart/add", "sku=XY&qty=99999999999999999999999", .cartAdd(sku: "XY", quantity: 1)),
    SiteProfilePageCase("/Cart/Add/", nil, .cartAdd(sku: "", quantity: 1)),
    SiteProfilePageCase("/checkout/complete", "order=SO-1001", .checkoutComplete(orderID: "SO-1001")),
    SiteProfilePageCase("/checkout/complete", "utm_source=x&order_id=77", .checkoutComplete(orderID: "77")),
    SiteProfilePageCase("/checkout/success/", nil, .checkoutComplete(orderID: "")),
    SiteProfilePageCase("/order-confirmation/A1B2/", nil, .checkoutComplete(orderID: "A1B2")),
    SiteProfilePageCase("/checkout", "order=SO-1001", .other),
    SiteProfilePageCase("/login", .login),
    SiteProfilePageCase("/account/login/", .login),
    SiteProfilePageCase("/SignIn", .login),
    SiteProfilePageCase("/register", .register),
    SiteProfilePageCase("/signup", .register),
    SiteProfilePageCase("/account/register", .register),
    SiteProfilePageCase("/account", .other),
    SiteProfilePageCase("/", .other),
    SiteProfilePageCase("", .other),
    SiteProfilePageCase("/about-us", .other),
]

private let wooCommerceCases: [SiteProfilePageCase] = [
    SiteProfilePageCase("/product/hoodie-with-logo/", .product(sku: "hoodie-with-logo")),
    SiteProfilePageCase("/product/Hoodie-With-Logo", .product(sku: "Hoodie-With-Logo")),
    SiteProfilePageCase(
        "/product/kaffeebohnen-säure-arm/", "attribute_pa_size=1kg", .product(sku: "kaffeebohnen-säure-arm")),
    SiteProfilePageCase("/", "product=hoodie-with-logo", .product(sku: "hoodie-with-logo")),
    SiteProfilePageCase("/product-category/clothing/", .category(name: "clothing")),
    SiteProfilePageCase("/product-category/clothing/tshirts/", .category(name: "clothing/tshirts")),
    SiteProfilePageCase("/", "product_cat=clothing", .category(name: "clothing")),
    SiteProfilePageCase("/shop/", .other),
    SiteProfilePageCase("/shop/", "add-to-cart=123", .cartAdd(sku: "123", quantity: 1)),
    SiteProfilePageCase("/product/hoodie/", "add-to-cart=123&quantity=2", .cartAdd(sku: "123", quantity: 2)),
    SiteProfilePageCase("/", "quantity=3&add-to-cart=42", .cartAdd(sku: "42", quantity: 3)),
    SiteProfilePageCase("/cart/", "add-to-cart=42", .cartAdd(sku: "42", quantity: 1)),
    SiteProfilePageCase("/", "wc-ajax=add_to_cart", .cartAdd(sku: "", quantity: 1)),
    SiteProfilePageCase("/", "wc-ajax=get_refreshed_fragments", .other),
    SiteProfilePageCase(
        "/checkout/order-received/4750/", "key=wc_order_Q6tuhq12KJOel", .checkoutComplete(orderID: "4750")),
    SiteProfilePageCase("/kasse/order-received/1234/", "key=wc_order_abc", .checkoutComplete(orderID: "1234")),
    SiteProfilePageCase("/", "page_id=7&order-received=4751&key=wc_order_x", .checkoutComplete(orderID: "4751")),
    SiteProfilePageCase("/checkout/", .other),
    SiteProfilePageCase("/checkout/order-pay/4750/", "pay_for_order=true&key=wc_order_x", .other),
    SiteProfilePageCase("/", "s=hoodie&post_type=product", .search(term: "hoodie")),
    SiteProfilePageCase("/", "post_type=product&s=blue+hoodie", .search(term: "blue hoodie")),
    SiteProfilePageCase("/page/2/", "s=mug", .search(term: "mug")),
    SiteProfilePageCase("/search/mugs/", .search(term: "mugs")),
    SiteProfilePageCase("/", "s=", .other),
    SiteProfilePageCase("/my-account/", .login),
    SiteProfilePageCase("/My-Account", .login),
    SiteProfilePageCase("/my-account/orders/", .other),
    SiteProfilePageCase("/my-account/view-order/4750/", .other),
    SiteProfilePageCase("/wp-login.php", .login),
    SiteProfilePageCase("/wp-login.php", "redirect_to=%2Fwp-admin%2F&reauth=1", .login),
    SiteProfilePageCase("/wp-login.php", "action=register", .register),
    SiteProfilePageCase("/wp-login.php", "action=lostpassword", .other),
    SiteProfilePageCase("/2024/03/15/brewing-guide/", .article(slug: "brewing-guide")),
    SiteProfilePageCase("/2024/03/brewing-guide/", .article(slug: "brewing-guide")),
    SiteProfilePageCase("/2024/03/15/", .other),
    SiteProfilePageCase("/blog/brewing-guide/", .article(slug: "brewing-guide")),
    SiteProfilePageCase("/", "p=123", .article(slug: "123")),
    SiteProfilePageCase("/", .other),
    SiteProfilePageCase("/sample-page/", .other),
]

private let shopifyCases: [SiteProfilePageCase] = [
    SiteProfilePageCase("/products/classic-leather-jacket", .product(sku: "classic-leather-jacket")),
    SiteProfilePageCase(
        "/products/classic-leather-jacket", "variant=40392734", .product(sku: "classic-leather-jacket")),
    SiteProfilePageCase("/collections/mens/products/classic-leather-jacket", .product(sku: "classic-leather-jacket")),
    SiteProfilePageCase("/fr/products/veste-en-cuir", .product(sku: "veste-en-cuir")),
    SiteProfilePageCase("/products/t-shirt-été/", .product(sku: "t-shirt-été")),
    SiteProfilePageCase("/Products/Classic-Leather-Jacket", .product(sku: "Classic-Leather-Jacket")),
    SiteProfilePageCase("/products/classic-leather-jacket.oembed", .other),
    SiteProfilePageCase("/collections/all", .category(name: "all")),
    SiteProfilePageCase("/collections/frontpage/", .category(name: "frontpage")),
    SiteProfilePageCase("/collections/shoes/red+leather", .category(name: "shoes")),
    SiteProfilePageCase("/collections/shoes", "page=2&sort_by=price-ascending", .category(name: "shoes")),
    SiteProfilePageCase("/en-ca/collections/sale", .category(name: "sale")),
    SiteProfilePageCase("/collections", .other),
    SiteProfilePageCase("/collections/all.atom", .other),
    SiteProfilePageCase("/cart/add", "id=40392734&quantity=2", .cartAdd(sku: "40392734", quantity: 2)),
    SiteProfilePageCase("/cart/add", "quantity=5&id=1", .cartAdd(sku: "1", quantity: 5)),
    SiteProfilePageCase("/cart/add", nil, .cartAdd(sku: "", quantity: 1)),
    SiteProfilePageCase("/cart/add.js", nil, .cartAdd(sku: "", quantity: 1)),
    SiteProfilePageCase("/cart/40392734:2", .cartAdd(sku: "40392734", quantity: 2)),
    SiteProfilePageCase("/cart/40392734:1,40392735:3", "channel=buy_button", .cartAdd(sku: "40392734", quantity: 1)),
    SiteProfilePageCase("/cart", .other),
    SiteProfilePageCase("/cart/change", .other),
    SiteProfilePageCase(
        "/5544332211/checkouts/0b1e2c3d4f5a6b7c8d9e0f1a2b3c4d5e/thank_you",
        .checkoutComplete(orderID: "0b1e2c3d4f5a6b7c8d9e0f1a2b3c4d5e")),
    SiteProfilePageCase(
        "/checkouts/0b1e2c3d4f5a6b7c8d9e0f1a2b3c4d5e/thank_you",
        .checkoutComplete(orderID: "0b1e2c3d4f5a6b7c8d9e0f1a2b3c4d5e")),
    SiteProfilePageCase(
        "/checkouts/c/Z2NwLXVzLWNlbnRyYWwx/thank-you", .checkoutComplete(orderID: "Z2NwLXVzLWNlbnRyYWwx")),
    SiteProfilePageCase("/checkouts/cn/hWN3aBcDeF/thank-you", "locale=en-US", .checkoutComplete(orderID: "hWN3aBcDeF")),
    SiteProfilePageCase(
        "/5544332211/orders/a8dd9eef492404e1dab2fe5a20c5b5dd", "key=abc",
        .checkoutComplete(orderID: "a8dd9eef492404e1dab2fe5a20c5b5dd")),
    SiteProfilePageCase("/5544332211/checkouts/0b1e2c3d4f5a6b7c8d9e0f1a2b3c4d5e", "step=contact_information", .other),
    SiteProfilePageCase("/shop/orders/a8dd9eef492404e1dab2fe5a20c5b5dd", .other),
    SiteProfilePageCase("/account/orders/a8dd9eef492404e1dab2fe5a20c5b5dd", .other),
    SiteProfilePageCase("/search", "q=leather+jacket&options%5Bprefix%5D=last", .search(term: "leather jacket")),
    SiteProfilePageCase("/search", "type=product&q=boots", .search(term: "boots")),
    SiteProfilePageCase("/de/search", "q=stiefel", .search(term: "stiefel")),
    SiteProfilePageCase("/account/login", .login),
    SiteProfilePageCase("/account/register", .register),
    SiteProfilePageCase("/account", .other),
    SiteProfilePageCase("/blogs/news/summer-lookbook", .article(slug: "summer-lookbook")),
    SiteProfilePageCase("/blogs/news", .other),
    SiteProfilePageCase("/blogs/news/tagged/summer", .other),
    SiteProfilePageCase("/pages/about-us", .other),
    SiteProfilePageCase("/", .other),
]

private let magentoCases: [SiteProfilePageCase] = [
    SiteProfilePageCase("/radiant-tee.html", .product(sku: "radiant-tee")),
    SiteProfilePageCase("/Radiant-Tee.HTML", .product(sku: "Radiant-Tee")),
    SiteProfilePageCase("/radiant-tee.html", "color=50&size=168", .product(sku: "radiant-tee")),
    SiteProfilePageCase("/women/tops-women.html", .category(name: "women/tops-women")),
    SiteProfilePageCase("/women/tops-women/jackets-women.html", .category(name: "women/tops-women/jackets-women")),
    SiteProfilePageCase("/gear/bags.html", "product_list_order=price", .category(name: "gear/bags")),
    // The documented heuristic: a top-level category reads as a product.
    SiteProfilePageCase("/women.html", .product(sku: "women")),
    SiteProfilePageCase("/.html", .other),
    SiteProfilePageCase("/catalog/product/view/id/1234", .product(sku: "1234")),
    SiteProfilePageCase("/catalog/product/view/id/1234/s/radiant-tee/category/25/", .product(sku: "1234")),
    SiteProfilePageCase("/catalog/category/view/id/25", .category(name: "25")),
    SiteProfilePageCase(
        "/checkout/cart/add/uenc/aHR0cHM6Ly9zaG9wLmV4YW1wbGUuY29tL3JhZGlhbnQtdGVlLmh0bWw,/product/1234/",
        .cartAdd(sku: "1234", quantity: 1)),
    SiteProfilePageCase("/checkout/cart/add/product/1234/", "qty=2", .cartAdd(sku: "1234", quantity: 2)),
    SiteProfilePageCase("/checkout/cart/add", "product=1234&qty=3", .cartAdd(sku: "1234", quantity: 3)),
    SiteProfilePageCase("/checkout/cart/add/", nil, .cartAdd(sku: "", quantity: 1)),
    SiteProfilePageCase("/checkout/cart/", .other),
    SiteProfilePageCase("/checkout/", .other),
    SiteProfilePageCase("/checkout/onepage/success/", .checkoutComplete(orderID: "")),
    SiteProfilePageCase("/multishipping/checkout/success/", .checkoutComplete(orderID: "")),
    SiteProfilePageCase("/catalogsearch/result/", "q=yoga+pants", .search(term: "yoga pants")),
    SiteProfilePageCase("/catalogsearch/result/index/", "cat=3&q=bag", .search(term: "bag")),
    SiteProfilePageCase("/catalogsearch/result/", nil, .other),
    SiteProfilePageCase("/customer/account/login/", .login),
    SiteProfilePageCase("/customer/account/login/referer/aHR0cHM6Ly9zaG9w/", .login),
    SiteProfilePageCase("/customer/account/loginPost/", .login),
    SiteProfilePageCase("/customer/account/create/", .register),
    SiteProfilePageCase("/customer/account/createpost/", .register),
    SiteProfilePageCase("/customer/account/", .other),
    SiteProfilePageCase("/customer/account/createpassword/", .other),
    SiteProfilePageCase("/about-us", .other),
    SiteProfilePageCase("/", .other),
]

@Suite struct BuiltInProfileTests {
    @Test(arguments: genericCases) func generic(_ c: SiteProfilePageCase) {
        #expect(SiteProfile.generic.classify(path: c.path, query: c.query) == c.expected)
    }

    @Test(arguments: wooCommerceCases) func wooCommerce(_ c: SiteProfilePageCase) {
        #expect(SiteProfile.wooCommerce.classify(path: c.path, query: c.query) == c.expected)
    }

    @Test(arguments: shopifyCases) func shopify(_ c: SiteProfilePageCase) {
        #expect(SiteProfile.shopify.classify(path: c.path, query: c.query) == c.expected)
    }

    @Test(arguments: magentoCases) func magento(_ c: SiteProfilePageCase) {
        #expect(SiteProfile.magento.classify(path: c.path, query: c.query) == c.expected)
    }

    @Test(arguments: [
        ("generic", "generic"), ("woocommerce", "woocommerce"), ("WooCommerce", "woocommerce"),
        ("shopify", "shopify"), ("MAGENTO", "magento"),
    ])
    func builtInByName(_ name: String, _ expected: String) {
        #expect(SiteProfile.builtIn(named: name)?.name == expected)
    }

    @Test func unknownBuiltInIsNil() {
        #expect(SiteProfile.builtIn(named: "prestashop") == nil)
        #expect(SiteProfile.builtIn(named: "") == nil)
    }

    @Test func emptyQueryIsNoQuery() {
        #expect(SiteProfile.generic.classify(path: "/search", query: "") == .other)
        #expect(SiteProfile.generic.classify(path: "/cart/add", query: "&&") == .cartAdd(sku: "", quantity: 1))
    }
}

@Suite struct PageKindTests {
    @Test(arguments: [
        (PageKind.product(sku: "a"), "product"), (.category(name: "a"), "category"), (.article(slug: "a"), "article"),
        (.search(term: "a"), "search"), (.cartAdd(sku: "a", quantity: 1), "cart_add"),
        (.checkoutComplete(orderID: "1"), "checkout_complete"), (.login, "login"), (.register, "register"),
        (.other, "other"),
    ])
    func names(_ kind: PageKind, _ name: String) {
        #expect(kind.name == name)
    }

    @Test func codableRoundTrip() throws {
        let kinds: [PageKind] = [.cartAdd(sku: "ABC", quantity: 2), .checkoutComplete(orderID: "SO-1"), .login, .other]
        let data = try JSONEncoder().encode(kinds)
        #expect(try JSONDecoder().decode([PageKind].self, from: data) == kinds)
    }
}

// MARK: - Assets

@Suite struct AssetClassifierTests {
    @Test(arguments: [
        ("/static/version1700000000/frontend/Magento/luma/en_US/css/styles-m.css", AssetClassifier.Kind.subresource),
        ("/wp-content/uploads/2024/03/hero.JPG", .subresource),
        ("/wp-content/uploads/2024/03/catalogue.pdf", .download),
        ("/wp-includes/js/jquery/jquery.min.js", .subresource),
        ("/assets/app.3f2a1.js", .subresource),
        ("/assets/app.js.map", .subresource),
        ("/favicon.ico", .subresource),
        ("/apple-touch-icon.png", .subresource),
        ("/site.webmanifest", .subresource),
        ("/fonts/inter-var.woff2", .subresource),
        ("/media/catalog/product/m/h/mh01-black_main.jpg", .subresource),
        ("/cdn/shop/files/logo.png", .subresource),
        ("/cdn/shop/files/banner", .subresource),
        ("/static/fonts/icons", .subresource),
        ("/_next/static/chunks/main-1a2b.js", .subresource),
        ("/video/intro.MP4", .subresource),
        ("/products/hoodie.json", .subresource),
        ("/cart.js", .subresource),
        ("/downloads/manual.PDF", .download),
        ("/files/price-list.xlsx", .download),
        ("/robots.txt", .metadata),
        ("/ads.txt", .metadata),
        ("/sitemap.xml", .metadata),
        ("/sitemap_products_1.xml", .metadata),
        ("/product-sitemap.xml", .metadata),
        ("/.well-known/security.txt", .metadata),
        ("/.well-known/apple-app-site-association", .metadata),
        ("/assets/feed.xml", .metadata),
        ("/cart/add.js", .page),
        ("/cart/update.js", .page),
        ("/radiant-tee.html", .page),
        ("/index.php", .page),
        ("/product/hoodie/", .page),
        ("/", .page),
        ("", .page),
        ("/blog/v1.2", .page),
        ("/static", .page),
        ("/assets", .page),
        ("/my.file.with.a.veryverylongextension", .page),
        ("/release.notes/readme", .page),
    ])
    func kinds(_ path: String, _ expected: AssetClassifier.Kind) {
        #expect(AssetClassifier.kind(path: path) == expected)
        #expect(AssetClassifier.isAsset(path: path) == (expected != .page))
    }

    @Test(arguments: [
        ("/robots.txt", true), ("/ROBOTS.TXT", true), ("/blog/robots.txt", false), ("/robots.txt.bak", false),
        ("/robots", false),
    ])
    func robotsTxt(_ path: String, _ expected: Bool) {
        #expect(AssetClassifier.isRobotsTxt(path: path) == expected)
    }
}

// MARK: - TOML profiles

/// A request for the example profile and what it must give.
private let exampleCases: [SiteProfilePageCase] = [
    SiteProfilePageCase("/item/ABC-123", .product(sku: "ABC-123")),
    SiteProfilePageCase("/shop/kitchen/blue-mug.html", .product(sku: "blue-mug")),
    SiteProfilePageCase("/index.php", "route=product/product&product_id=42", .product(sku: "42")),
    SiteProfilePageCase("/index.php", "product_id=42&route=Product%2FProduct", .product(sku: "42")),
    SiteProfilePageCase("/index.php", "product_id=42", .other),
    SiteProfilePageCase("/index.php", "route=product/category&product_id=42", .other),
    SiteProfilePageCase("/shop/kitchen", .category(name: "kitchen")),
    SiteProfilePageCase("/shop/kitchen/mugs/", .category(name: "kitchen/mugs")),
    SiteProfilePageCase("/shop/", .other),
    SiteProfilePageCase("/basket/add", "n=2&item=ABC", .cartAdd(sku: "ABC", quantity: 2)),
    SiteProfilePageCase("/basket/add", "qty=4&item=X", .cartAdd(sku: "X", quantity: 4)),
    SiteProfilePageCase("/basket/add", nil, .cartAdd(sku: "", quantity: 1)),
    SiteProfilePageCase("/thanks", "ref=SO-1001", .checkoutComplete(orderID: "SO-1001")),
    SiteProfilePageCase("/thanks", nil, .checkoutComplete(orderID: "")),
    SiteProfilePageCase("/order/SO-1001/thanks", .checkoutComplete(orderID: "SO-1001")),
    SiteProfilePageCase("/find", "text=mug", .search(term: "mug")),
    SiteProfilePageCase("/magazine/2024/how-to-brew", .article(slug: "how-to-brew")),
    SiteProfilePageCase("/magazine/latest/how-to-brew", .other),
    SiteProfilePageCase("/konto/anmelden", .login),
    SiteProfilePageCase("/my/login/", .login),
    SiteProfilePageCase("/konto/registrieren", .register),
    SiteProfilePageCase("/item/compare", .other),
    SiteProfilePageCase("/item/Compare/", .other),
    // From `extends = "generic"`:
    SiteProfilePageCase("/product/XYZ", .product(sku: "XYZ")),
    SiteProfilePageCase("/blog/post", .article(slug: "post")),
    SiteProfilePageCase("/search", "q=kettle", .search(term: "kettle")),
    SiteProfilePageCase("/login", .login),
]

@Suite struct SiteProfileLoadingTests {
    static let example = Result { () throws(SiteProfileError) in
        try SiteProfile.load(tomlFile: Fixtures.path("profiles/example.toml"))
    }

    @Test func exampleLoads() throws {
        let profile = try Self.example.get()
        #expect(profile.name == "example-shop")
    }

    @Test(arguments: exampleCases) func example(_ c: SiteProfilePageCase) throws {
        #expect(try Self.example.get().classify(path: c.path, query: c.query) == c.expected)
    }

    @Test func withoutExtendsOnlyOwnRulesApply() throws {
        let profile = try SiteProfile.parse(
            toml: "name = \"own\"\n[[product]]\npath = \"/item/{sku}\"\n", file: "own.toml")
        #expect(profile.classify(path: "/item/A1", query: nil) == .product(sku: "A1"))
        #expect(profile.classify(path: "/product/A1", query: nil) == .other)
        #expect(profile.classify(path: "/search", query: "q=x") == .other)
    }

    @Test func ownRulesOfAKindPrecedeTheBaseRulesOfThatKind() throws {
        let profile = try SiteProfile.parse(
            toml: """
                name = "own-search"
                extends = "generic"
                [[search]]
                path = "/search"
                term = "query:keywords"
                """, file: "own.toml")
        #expect(profile.classify(path: "/search", query: "q=b&keywords=a") == .search(term: "a"))
        #expect(profile.classify(path: "/search", query: "q=b") == .search(term: "b"))
    }

    @Test func kindOrderHoldsAcrossBaseAndOwnRules() throws {
        // The base's cart_add rule (any path with add-to-cart) precedes the file's product rule.
        let profile = try SiteProfile.parse(
            toml: """
                name = "woo-custom"
                extends = "WooCommerce"
                [[product]]
                path = "/artikel/{sku}"
                [[other]]
                path = "/product/gift-card"
                """, file: "woo.toml")
        #expect(profile.classify(path: "/artikel/mug/", query: nil) == .product(sku: "mug"))
        #expect(profile.classify(path: "/artikel/mug/", query: "add-to-cart=5") == .cartAdd(sku: "5", quantity: 1))
        #expect(profile.classify(path: "/product/gift-card/", query: nil) == .other)
        #expect(profile.classify(path: "/product/hoodie/", query: nil) == .product(sku: "hoodie"))
    }

    @Test(arguments: [
        // pattern, path, expected sku
        ("/item/{sku}-{colour}.html", "/item/mug-blue-grey.html", "mug"),
        ("/p/{sku:digits}", "/p/0042", "0042"),
        ("/p-{sku}", "/P-ABC", "ABC"),
        ("/{sku}:{n}", "/a:b:c", "a"),
        ("/docs/{sku*}", "/docs/a/b//c/", "a/b//c"),
        ("/x/{sku*}.htm", "/x/a/b.HTM", "a/b"),
        ("/x/v{sku*}", "/x/v2/api", "2/api"),
    ])
    func placeholders(_ pattern: String, _ path: String, _ sku: String) throws {
        let profile = try SiteProfile.parse(toml: "name = \"t\"\n[[product]]\npath = \"\(pattern)\"\n", file: "t.toml")
        #expect(profile.classify(path: path, query: nil) == .product(sku: sku))
    }

    @Test(arguments: [
        ("/p/{sku:digits}", "/p/12a"),
        ("/item/{sku}-{colour}.html", "/item/mug.html"),
        ("/item/{sku}.html", "/item/.html"),
        ("/docs/{sku*}", "/docs/"),
        ("/x/{sku*}.htm", "/x/.htm"),
        ("/x/{sku*}.htm", "/x"),
        ("/{sku}", "/a/b"),
        ("/{sku}", "/"),
    ])
    func placeholdersThatDoNotMatch(_ pattern: String, _ path: String) throws {
        let profile = try SiteProfile.parse(toml: "name = \"t\"\n[[product]]\npath = \"\(pattern)\"\n", file: "t.toml")
        #expect(profile.classify(path: path, query: nil) == .other)
    }

    @Test func sourcesAcceptBracesPathArraysAndQueryConditions() throws {
        let profile = try SiteProfile.parse(
            toml: """
                name = "t"
                [[product]]
                path = ["/a/{code}", "/b/{code}"]
                sku = "{code}"
                [[checkout_complete]]
                path = "/done"
                query = { status = "paid", ref = "*" }
                order_id = "query:ref"
                """, file: "t.toml")
        #expect(profile.classify(path: "/b/X", query: nil) == .product(sku: "X"))
        #expect(profile.classify(path: "/done", query: "ref=9&status=PAID") == .checkoutComplete(orderID: "9"))
        #expect(profile.classify(path: "/done", query: "ref=9&status=failed") == .other)
        #expect(profile.classify(path: "/done", query: "ref=&status=paid") == .other)
    }
}

/// A broken profile and the error it must give.
struct SiteProfileBrokenCase: CustomTestStringConvertible, Sendable {
    var toml: String
    var code: SiteProfileError.Code
    var description: String
    var testDescription: String { description }
}

private let brokenProfiles: [SiteProfileBrokenCase] = [
    SiteProfileBrokenCase(
        toml: "name = \"x\"\n[[product]\npath = \"/p/{sku}\"\n", code: .invalidTOML,
        description: "shop.toml:2:"),
    SiteProfileBrokenCase(
        toml: "nmae = \"x\"\n", code: .unknownKey,
        description:
            "shop.toml: key \"nmae\": unknown key; expected name, extends, or rule tables [[other]], [[checkout_complete]], [[cart_add]], [[search]], [[register]], [[login]], [[product]], [[category]], [[article]]"
    ),
    SiteProfileBrokenCase(
        toml: "[[product]]\npath = \"/p/{sku}\"\n", code: .missingKey,
        description: "shop.toml: key \"name\": missing; every profile needs a name (name = \"my-shop\")"),
    SiteProfileBrokenCase(
        toml: "name = 3\n", code: .wrongType, description: "shop.toml: key \"name\": must be a string, not integer"),
    SiteProfileBrokenCase(
        toml: "name = \"x\"\nextends = \"prestashop\"\n", code: .unknownExtends,
        description:
            "shop.toml: key \"extends\": unknown built-in profile \"prestashop\"; expected one of generic, woocommerce, shopify, magento"
    ),
    SiteProfileBrokenCase(
        toml: "name = \"x\"\n[product]\npath = \"/p/{sku}\"\n", code: .wrongType,
        description: "shop.toml: key \"product\": must be an array of tables: write [[product]], not [product]"),
    SiteProfileBrokenCase(
        toml: "name = \"x\"\n[[product]]\npath = \"/p/{sku}\"\nskus = \"query:a\"\n", code: .unknownKey,
        description:
            "shop.toml: [[product]] #1, key \"skus\": unknown key for a product rule; expected path, query, sku"),
    SiteProfileBrokenCase(
        toml: "name = \"x\"\n[[login]]\npath = \"/login\"\nsku = \"query:a\"\n", code: .unknownKey,
        description: "shop.toml: [[login]] #1, key \"sku\": unknown key for a login rule; expected path, query"),
    SiteProfileBrokenCase(
        toml: "name = \"x\"\n[[cart_add]]\nsku = \"query:a\"\n", code: .missingKey,
        description: "shop.toml: [[cart_add]] #1, key \"path\": missing; every rule needs a path pattern"),
    SiteProfileBrokenCase(
        toml: "name = \"x\"\n[[login]]\npath = 5\n", code: .wrongType,
        description: "shop.toml: [[login]] #1, key \"path\": must be a string or an array of strings, not integer"),
    SiteProfileBrokenCase(
        toml: "name = \"x\"\n[[product]]\npath = \"/ok/{sku}\"\n[[product]]\npath = \"/item/{id}\"\nsku = \"code\"\n",
        code: .unknownPlaceholder,
        description:
            "shop.toml: [[product]] #2, key \"sku\": unknown placeholder {code}; the path \"/item/{id}\" has {id}"),
    SiteProfileBrokenCase(
        toml: "name = \"x\"\n[[product]]\npath = \"/item/{id}\"\n", code: .missingKey,
        description:
            "shop.toml: [[product]] #1, key \"sku\": missing; the path \"/item/{id}\" has no {sku} placeholder, so say where the sku is: sku = \"<placeholder>\" or \"query:<parameter>\""
    ),
    SiteProfileBrokenCase(
        toml: "name = \"x\"\n[[product]]\npath = \"/item\"\nsku = \"path:1\"\n", code: .badValueSource,
        description:
            "shop.toml: [[product]] #1, key \"sku\": \"path:1\" is not a source; write a placeholder name (\"sku\") or \"query:<parameter>\""
    ),
    SiteProfileBrokenCase(
        toml: "name = \"x\"\n[[search]]\npath = \"/find\"\nterm = \"query:\"\n", code: .badValueSource,
        description: "shop.toml: [[search]] #1, key \"term\": \"query:\" needs a parameter name"),
    SiteProfileBrokenCase(
        toml: "name = \"x\"\n[[search]]\npath = \"/find\"\nterm = \"query:q\"\nquery = \"q\"\n", code: .wrongType,
        description:
            "shop.toml: [[search]] #1, key \"query\": must be a table of parameter = value, e.g. query = { ref = \"*\" }"
    ),
    SiteProfileBrokenCase(
        toml: "name = \"x\"\n[[search]]\npath = \"/find\"\nterm = [\"query:q\", 2]\n", code: .wrongType,
        description: "shop.toml: [[search]] #1, key \"term\": must be a string or an array of strings, not integer"),
]

/// A bad pattern and the reason the error must give.
private let badPatterns: [(String, String)] = [
    ("item/{sku}", "a pattern starts with \"/\""),
    ("/item/{sku", "\"{\" without \"}\""),
    ("/item/sku}", "\"}\" without \"{\""),
    ("/item/{sku}{colour}", "two placeholders need literal text between them"),
    ("/{rest*}/{sku}", "{rest*} matches the rest of the path, so it must be in the last segment"),
    ("/x/{a}-{sku*}", "{sku*} must be the only placeholder in its segment"),
    ("/{sku}/{sku}", "placeholder {sku} appears twice"),
    ("/p/{sku:int}", "unknown placeholder type \"int\" (the only type is digits: {id:digits})"),
    ("/p/{1sku}", "placeholder name \"1sku\" must be letters, digits and _, not starting with a digit"),
    ("/p/{}", "placeholder name \"\" must be letters, digits and _, not starting with a digit"),
    ("/p/{s{ku}", "\"{\" inside a placeholder"),
]

@Suite struct SiteProfileErrorTests {
    @Test(arguments: brokenProfiles) func brokenProfile(_ broken: SiteProfileBrokenCase) {
        do {
            _ = try SiteProfile.parse(toml: broken.toml, file: "shop.toml")
            Issue.record("no error for \(broken.description)")
        } catch {
            #expect(error.code == broken.code)
            if broken.code == .invalidTOML {
                #expect(error.description.hasPrefix(broken.description))
                #expect(error.line == 2)
            } else {
                #expect(error.description == broken.description)
            }
        }
    }

    @Test(arguments: badPatterns) func badPattern(_ pattern: String, _ reason: String) {
        do {
            _ = try SiteProfile.parse(
                toml: "name = \"x\"\n[[product]]\npath = \"\(pattern)\"\nsku = \"query:id\"\n", file: "shop.toml")
            Issue.record("no error for \(pattern)")
        } catch {
            #expect(error.code == .badPattern)
            #expect(
                error.description == "shop.toml: [[product]] #1, key \"path\": bad pattern \"\(pattern)\": \(reason)")
        }
    }

    @Test func missingFile() {
        let path = Fixtures.temporaryDirectory().appendingPathComponent("none.toml").path
        do {
            _ = try SiteProfile.load(tomlFile: path)
            Issue.record("no error")
        } catch {
            #expect(error.code == .unreadableFile)
            #expect(error.description == "\(path): no such file")
        }
    }

    @Test func fileThatIsNotUTF8() throws {
        let url = Fixtures.temporaryDirectory().appendingPathComponent("latin1.toml")
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x20, 0x3D, 0x20, 0x22, 0xE9, 0x22, 0x0A]).write(to: url)
        do {
            _ = try SiteProfile.load(tomlFile: url.path)
            Issue.record("no error")
        } catch {
            #expect(error.code == .unreadableFile)
            #expect(error.description == "\(url.path): the file is not UTF-8 text")
        }
    }

    @Test func errorInALoadedFileNamesTheFile() throws {
        let url = Fixtures.temporaryDirectory().appendingPathComponent("shop.toml")
        try Data("name = \"x\"\nextends = \"generik\"\n".utf8).write(to: url)
        do {
            _ = try SiteProfile.load(tomlFile: url.path)
            Issue.record("no error")
        } catch {
            #expect(error.code == .unknownExtends)
            #expect(error.file == url.path)
            #expect(error.key == "extends")
            #expect(error.description.hasPrefix("\(url.path): key \"extends\": unknown built-in profile \"generik\""))
        }
    }
}
