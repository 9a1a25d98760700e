import Foundation

/// Work run on a thread of its own, started at once; `wait()` blocks until it is done and
/// returns its value or throws its error (each time it is called).
package final class BackgroundWork<Value>: @unchecked Sendable {
    // Safe because the thread writes `result` once, before signalling, and `wait()` reads it
    // only after the signal.
    private var result: Result<Value, any Error>?
    private let done = DispatchSemaphore(value: 0)

    /// Starts `work` on a new thread.
    package init(_ work: @escaping () throws -> Value) {
        let box = UncheckedBox(work)
        Thread { [self] in
            result = Result { try box.value() }
            done.signal()
        }.start()
    }

    /// The work's value, once it is done. - Throws: the work's error.
    package func wait() throws -> Value {
        done.wait()
        done.signal()  // a later call returns at once
        return try result!.get()
    }

    /// Like `wait()`, but hands the value over: the work keeps no reference to it, so the
    /// caller can change it in place without copying it. Call it once.
    package func take() throws -> Value {
        done.wait()
        defer { result = nil }
        return try result!.get()
    }
}
