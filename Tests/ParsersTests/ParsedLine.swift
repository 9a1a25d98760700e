import LogModel
import Parsers

/// The parsed-hit copy the parser tests compare.
typealias ParsedLine = HitSnapshot

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
            return .success(try parser.parse(UnsafeBufferPointer(buffer), into: &hit) ? HitSnapshot(hit) : nil)
        } catch {
            return .failure(error)
        }
    }
}

extension Result {
    var value: Success? { if case .success(let v) = self { v } else { nil } }
    var rejection: Failure? { if case .failure(let e) = self { e } else { nil } }
}
