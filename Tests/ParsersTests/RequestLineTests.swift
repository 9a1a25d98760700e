import LogModel
import Parsers
import Testing

struct RequestLineCase: Sendable, CustomTestStringConvertible {
    var line: String
    var method: String
    var path: String
    var query: String = ""
    var protocolVersion: String
    var host: String = ""
    var testDescription: String { line }

    static let all: [RequestLineCase] = [
        .init(line: "GET /p?q=1 HTTP/1.1", method: "GET", path: "/p", query: "q=1", protocolVersion: "HTTP/1.1"),
        .init(line: "POST /cart/add HTTP/2.0", method: "POST", path: "/cart/add", protocolVersion: "HTTP/2.0"),
        .init(
            line: "GET /search?q=caf%C3%A9&utm_source=x HTTP/1.1", method: "GET", path: "/search",
            query: "q=caf%C3%A9&utm_source=x", protocolVersion: "HTTP/1.1"),
        .init(line: "GET /search? HTTP/1.1", method: "GET", path: "/search", protocolVersion: "HTTP/1.1"),
        .init(line: "GET /a?b?c HTTP/1.0", method: "GET", path: "/a", query: "b?c", protocolVersion: "HTTP/1.0"),
        .init(
            line: "GET http://www.example.com:80/ HTTP/1.1", method: "GET", path: "/", protocolVersion: "HTTP/1.1",
            host: "www.example.com"),
        .init(
            line: "GET https://shop.example.com/a/b?x=y HTTP/2.0", method: "GET", path: "/a/b", query: "x=y",
            protocolVersion: "HTTP/2.0", host: "shop.example.com"),
        .init(
            line: "GET http://[2001:db8::1]:8080/x HTTP/1.1", method: "GET", path: "/x", protocolVersion: "HTTP/1.1",
            host: "[2001:db8::1]"),
        .init(
            line: "GET https://shop.example.com?x=1 HTTP/1.1", method: "GET", path: "", query: "x=1",
            protocolVersion: "HTTP/1.1", host: "shop.example.com"),
        .init(line: "GET /x", method: "GET", path: "/x", protocolVersion: ""),
        .init(line: "GET /a b HTTP/1.1", method: "GET", path: "/a b", protocolVersion: "HTTP/1.1"),
        .init(line: "OPTIONS * HTTP/1.1", method: "OPTIONS", path: "*", protocolVersion: "HTTP/1.1"),
        .init(
            line: "CONNECT example.com:443 HTTP/1.1", method: "CONNECT", path: "example.com:443",
            protocolVersion: "HTTP/1.1"),
        .init(line: "PROPFIND /dav/ HTTP/1.1", method: "PROPFIND", path: "/dav/", protocolVersion: "HTTP/1.1"),
        .init(line: "GET /ünïcode/日本 HTTP/1.1", method: "GET", path: "/ünïcode/日本", protocolVersion: "HTTP/1.1"),
        .init(line: "-", method: "", path: "", protocolVersion: ""),
        .init(line: "", method: "", path: "", protocolVersion: ""),
        // Not `METHOD TARGET`: kept whole as the path, without method (as GoAccess counts it).
        .init(
            line: "\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}", method: "", path: "\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}",
            protocolVersion: ""),
        .init(line: #"\x16\x03\x01\x02\x00\x01"#, method: "", path: #"\x16\x03\x01\x02\x00\x01"#, protocolVersion: ""),
        .init(line: "GET", method: "", path: "GET", protocolVersion: ""),
    ]
}

@Suite struct RequestLineTests {
    static func split(_ line: String, host: String = "") -> Result<HitSnapshot, LineRejection> {
        var bytes = Array(line.utf8)
        let hostBytes = Array(host.utf8)
        bytes.append(contentsOf: hostBytes)
        return bytes.withUnsafeBufferPointer { all in
            var hit = Hit()
            let requestView = all.slice(0, line.utf8.count)
            if !hostBytes.isEmpty { hit.host = all.slice(line.utf8.count, hostBytes.count) }
            do throws(LineRejection) {
                try RequestLine.parse(line.isEmpty ? .none : requestView, into: &hit)
                return .success(HitSnapshot(hit))
            } catch {
                return .failure(error)
            }
        }
    }

    @Test(arguments: RequestLineCase.all)
    func splitsRequestLines(_ c: RequestLineCase) throws {
        let hit = try Self.split(c.line).get()
        #expect(hit.method == c.method)
        #expect(hit.path == c.path)
        #expect(hit.query == c.query)
        #expect(hit.protocolVersion == c.protocolVersion)
        #expect(hit.host == c.host)
        #expect(!hit.pathIsDecoded)
    }

    @Test func absoluteURLKeepsAHostTheHitAlreadyHas() throws {
        let hit = try Self.split("GET http://origin.internal:8080/x HTTP/1.1", host: "shop.example.com").get()
        #expect(hit.host == "shop.example.com")
        #expect(hit.path == "/x")
    }

    @Test(arguments: ["GET ", "GET  ", "POST   "])
    func methodWithoutTargetIsABadRequest(_ line: String) {
        #expect(throws: LineRejection.badRequest) { try Self.split(line).get() }
    }

    @Test(arguments: ["GET", "get", "M-SEARCH", "BREW", "X_CUSTOM.1"])
    func tokenMethodsAreAccepted(_ method: String) throws {
        #expect(try Self.split("\(method) / HTTP/1.1").get().method == method)
    }
}
