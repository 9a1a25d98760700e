import Foundation

/// An exclusive advisory lock on `DB.lock`, held for the length of an ingest.
package final class IngestLock {
    let descriptor: Int32

    /// Takes the lock, waiting for another ingest to finish.
    /// - Parameter onWait: called once, before waiting, when another process holds the lock.
    /// - Throws: `StoreError` when the lock file cannot be created.
    package init(storePath: String, onWait: () -> Void) throws(StoreError) {
        let lockPath = storePath + ".lock"
        descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw StoreError(.cannotOpen, "\(lockPath): cannot create the lock file: \(String(cString: strerror(errno)))")
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            onWait()
            while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
