import Foundation
import LogModel

/// A copy of a parsed `Hit` with Strings, safe to keep after the line is gone.
struct HitSnapshot: Equatable, CustomStringConvertible {
    var client = ""
    var user = ""
    var time: Int64 = 0
    var utcOffsetSeconds: Int32 = 0
    var method = ""
    var path = ""
    var pathIsDecoded = false
    var query = ""
    var protocolVersion = ""
    var status: Int32 = 0
    var bytes: Int64 = -1
    var referrer = ""
    var userAgent = ""
    var host = ""
    var durationMicros: Int64 = -1
    /// Extras in line order.
    var extraNames: [String] = []
    var extras: [String: String] = [:]

    init(_ hit: Hit) {
        client = hit.client.string
        user = hit.user.string
        time = hit.time
        utcOffsetSeconds = hit.utcOffsetSeconds
        method = hit.method.string
        path = hit.path.string
        pathIsDecoded = hit.pathIsDecoded
        query = hit.query.string
        protocolVersion = hit.protocolVersion.string
        status = hit.status
        bytes = hit.bytes
        referrer = hit.referrer.string
        userAgent = hit.userAgent.string
        host = hit.host.string
        durationMicros = hit.durationMicros
        for i in 0..<hit.extras.names.count {
            extraNames.append(hit.extras.names[i])
            extras[hit.extras.names[i]] = hit.extras.values[i].string
        }
    }

    var description: String {
        "\(method) \(host) \(path)?\(query) \(protocolVersion) status=\(status) bytes=\(bytes) client=\(client) "
            + "time=\(time) dur=\(durationMicros) ua=\(userAgent) extras=\(extras)"
    }
}

/// Runs lines through a parser and keeps copies of the hits.
struct LineCheck {
    var parser: any LogParser

    init(_ format: some LogFormat) {
        parser = format.makeParser()
    }

    /// The hit of `line`, `nil` for a line without a request, or the rejection.
    mutating func parse(_ line: String) -> Result<HitSnapshot?, LineRejection> {
        parse(bytes: Array(line.utf8))
    }

    mutating func parse(bytes: [UInt8]) -> Result<HitSnapshot?, LineRejection> {
        bytes.withUnsafeBufferPointer { view in
            var hit = Hit()
            do throws(LineRejection) {
                guard try parser.parse(view, into: &hit) else { return .success(nil) }
                return .success(HitSnapshot(hit))
            } catch {
                return .failure(error)
            }
        }
    }

    /// The hit of `line`, or `nil` when the line was rejected or carried no request.
    mutating func hit(_ line: String) -> HitSnapshot? {
        if case .success(let hit) = parse(line) { return hit }
        return nil
    }

    /// Why `line` was rejected, or `nil` when it was not.
    mutating func rejection(_ line: String) -> LineRejection? {
        if case .failure(let reason) = parse(line) { return reason }
        return nil
    }

    /// Lines of a file under `fixtures/formats/`.
    static func fixtureLines(_ name: String) throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("fixtures/formats/\(name)"), encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
