import CSupport
import Foundation

/// A plain log file mapped into memory, read in place: workers parse the page cache's own
/// pages instead of a copy made by read(2) (a quarter of the CPU time of `overview` went to
/// that copy). Pages of a finished block are dropped from the mapping, so resident memory
/// follows the blocks in flight, not the file size.
///
/// Only settled regular files are mapped (not modified in the last 10 seconds, at least
/// `minimumSize` bytes); a file truncated while mapped does not crash the scan: a SIGBUS guard
/// (CSupport) reads the lost pages as NUL bytes, which the scanner skips as padding, and
/// `finish()` reports the truncation.
final class MappedFile: @unchecked Sendable {
    /// Files smaller than this are read with read(2): mapping costs more than it saves.
    static let minimumSize: Int64 = 4 << 20

    /// The mapped content from the requested start offset to its end.
    let content: UnsafeRawBufferPointer
    /// File offset of `content[0]`.
    let startOffset: Int64
    private let mapping: UnsafeMutableRawPointer
    private let mappingLength: Int
    private let guardSlot: Int32
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Maps `[source.skipBytes, source.endBytes ?? size)` of a settled plain file; `nil` when the
    /// source should be read the ordinary way (stdin, small, recently modified, gzip, or the
    /// mapping failed).
    static func map(_ source: LogSource) -> MappedFile? {
        guard let path = source.path else { return nil }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var st = stat()
        guard fstat(descriptor, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int64(st.st_size)
        let end = min(size, source.endBytes ?? size)
        let start = source.skipBytes
        guard end - start >= minimumSize else { return nil }
        guard Int64(time(nil)) - Int64(st.st_mtim.tv_sec) > 10 else { return nil }
        // gzip is detected by content, as ByteStreamOpener does.
        var magic: (UInt8, UInt8) = (0, 0)
        guard pread(descriptor, &magic, 2, 0) == 2, !(magic.0 == 0x1F && magic.1 == 0x8B) else { return nil }
        let page = Int64(pageSize)
        let alignedStart = start / page * page
        let length = Int(end - alignedStart)
        guard let base = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, off_t(alignedStart)), base != MAP_FAILED else { return nil }
        let slot = clientele_guard_mapping(base, length)
        guard slot >= 0 else {
            munmap(base, length)
            return nil
        }
        _ = madvise(base, length, MADV_SEQUENTIAL)
        return MappedFile(mapping: base, length: length, slot: slot, skip: Int(start - alignedStart), startOffset: start)
    }

    private init(mapping: UnsafeMutableRawPointer, length: Int, slot: Int32, skip: Int, startOffset: Int64) {
        self.mapping = mapping
        mappingLength = length
        guardSlot = slot
        self.startOffset = startOffset
        content = UnsafeRawBufferPointer(start: mapping + skip, count: length - skip)
    }

    /// Drops the whole pages inside `range` (content offsets) from this process's memory; the
    /// file's pages stay in the page cache. Reading them again would fault them back in.
    func release(_ range: Range<Int>) {
        let base = Int(bitPattern: content.baseAddress!)
        let page = Self.pageSize
        let first = (base + range.lowerBound + page - 1) / page * page
        let last = (base + range.upperBound) / page * page
        if last > first { _ = madvise(UnsafeMutableRawPointer(bitPattern: first), last - first, MADV_DONTNEED) }
    }

    /// Whether the file was truncated while mapped (some pages read as NUL bytes). Call once,
    /// after every block of the file is done.
    private(set) lazy var wasTruncated: Bool = clientele_unguard_mapping(guardSlot) != 0

    deinit {
        _ = wasTruncated
        munmap(mapping, mappingLength)
    }
}
