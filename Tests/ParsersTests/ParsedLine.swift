import LogModel
import Parsers

/// A parsed hit copied into plain values, so tests can compare what a parser produced.
struct ParsedLine: Equatable, CustomStringConvertible {
    var client = ""
    var user = ""
    var time: Int64 = 0
    var offset: Int32 = 0
    var method = ""
    var path = ""
    var query = ""
    var protocolVersion = ""
    var status: Int32 = 0
    var bytes: Int64 = -1
    var referrer = ""
    var userAgent = ""
    var host = ""
    var durationMicros: Int64 = -1
    var extras: [String: String] = [:]

    init() {}

    init(_ hit: Hit) {
        client = hit.client.string
        user = hit.user.string
        time = hit.time
        offset = hit.utcOffsetSeconds
        method = hit.method.string
        path = hit.path.string
        query = hit.query.string
        protocolVersion = hit.protocolVersion.string
        status = hit.status
        bytes = hit.bytes
        referrer = hit.referrer.string
        userAgent = hit.userAgent.string
        host = hit.host.string
        durationMicros = hit.durationMicros
        for i in 0..<hit.extras.names.count where !hit.extras.values[i].isEmpty {
            extras[hit.extras.names[i]] = hit.extras.values[i].string
        }
    }

    var description: String { "\(client) \(time) \(method) \(path)?\(query) \(status) \(bytes) ua=\(userAgent) extras=\(extras)" }
}

/// Parses one line; returns the hit, `nil` for a line without a request, or the rejection.
func parseLine(_ format: any LogFormat, _ line: String) -> Result<ParsedLine?, LineRejection> {
    var parser = format.makeParser()
    return parseLine(&parser, line)
}

func parseLine(_ parser: inout any LogParser, _ line: String) -> Result<ParsedLine?, LineRejection> {
    var bytes = Array(line.utf8)
    var hit = Hit()
    return bytes.withUnsafeMutableBufferPointer { buffer in
        do throws(LineRejection) {
            return .success(try parser.parse(UnsafeBufferPointer(buffer), into: &hit) ? ParsedLine(hit) : nil)
        } catch {
            return .failure(error)
        }
    }
}

extension Result {
    var value: Success? { if case .success(let v) = self { v } else { nil } }
    var rejection: Failure? { if case .failure(let e) = self { e } else { nil } }
}
