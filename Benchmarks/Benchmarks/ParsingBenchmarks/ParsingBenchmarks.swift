import Benchmark
import LogModel
import Parsers

/// 100,000 combined-format lines shaped like the end-to-end benchmark's log, in one buffer.
let sample: [UInt8] = {
    var text = ""
    for i in 0..<100_000 {
        text += "10.\(i % 200).\(i % 97).\(i % 251) - - [01/Oct/2026:\(10 + i / 36000 % 10):\(String(format: "%02d", i / 600 % 60)):\(String(format: "%02d", i / 10 % 60)) +0000] "
        text += "\"GET /product/sku-\(i % 8000)?utm_source=google HTTP/1.1\" 200 \(1000 + i % 50000) "
        text += "\"https://www.google.com/\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/\(100 + i % 30).0.0.0 Safari/537.36\"\n"
    }
    return Array(text.utf8)
}()

/// Calls `body` with each line of `sample`.
func forEachLine(_ body: (ByteView) -> Void) {
    sample.withUnsafeBufferPointer { all in
        var start = 0
        for i in 0..<all.count where all[i] == 10 {
            body(ByteView(rebasing: all[start..<i]))
            start = i + 1
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    // One iteration = the 100,000 sample lines; lines/s = 100,000 / wall time per iteration.
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(3), maxIterations: 40)

    Benchmark("Parse 100k combined lines") { benchmark in
        var parser = ApacheFormat.combined.makeParser()
        var hit = Hit()
        for _ in benchmark.scaledIterations {
            forEachLine { line in blackHole(try? parser.parse(line, into: &hit)) }
        }
    }

    Benchmark("Parse and intern path + user agent, 100k lines") { benchmark in
        var parser = ApacheFormat.combined.makeParser()
        var hit = Hit()
        for _ in benchmark.scaledIterations {
            let paths = ByteInterner()
            let agents = ByteInterner()
            forEachLine { line in
                _ = try? parser.parse(line, into: &hit)
                blackHole(paths.intern(hit.path))
                blackHole(agents.intern(hit.userAgent))
            }
        }
    }
}
