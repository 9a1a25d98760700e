import Foundation

/// Splits loader work over the cores: consecutive, disjoint parts of one index range, each run
/// on its own thread, writing only its own part of shared output buffers.
enum ReportParallel {
    /// Cores to use.
    static var parts: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs `body(part, range)` for `parts` consecutive ranges covering `0..<count`, concurrently.
    /// - Parameter boundary: Where part `k` of `parts` starts (`boundary(0)` = 0, `boundary(parts)` =
    ///   `count`); by default equal shares of `count`.
    static func run(
        count: Int, boundary: ((Int) -> Int)? = nil, _ body: @Sendable (Int, Range<Int>) -> Void
    ) {
        let parts = Self.parts
        let bounds = (0...parts).map { k in
            k == parts ? count : min(count, max(0, boundary?(k) ?? count * k / parts))
        }
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            body(k, bounds[k]..<max(bounds[k], bounds[k + 1]))
        }
    }
}

/// A buffer written by several threads at disjoint indices (see `ReportParallel`).
struct SharedBuffer<Element>: @unchecked Sendable {
    let pointer: UnsafeMutableBufferPointer<Element>
}
