import CZlib
import Foundation

/// Inflates gzip data with zlib: several members in a row (concatenated `.gz` files) are read
/// as one stream; a truncated or corrupt stream ends with a warning and keeps what was inflated.
package struct GzipByteStream: ByteStream {
    var input: FileByteStream
    let name: String
    let state: InflateState
    var finished = false
    package private(set) var warnings: [String] = []
    package var consumedBytes: Int64 { input.consumedBytes }

    package init(input: FileByteStream, name: String) {
        self.input = input
        self.name = name
        state = InflateState()
    }

    package mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        let z = state.stream
        z.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        z.pointee.avail_out = uInt(buffer.count)
        while z.pointee.avail_out > 0 {
            if z.pointee.avail_in == 0 {
                let n = try input.read(into: state.inputBuffer)
                if n == 0 {
                    if state.inMember {
                        warnings.append(
                            "\(name): gzip data is truncated after \(input.consumedBytes) compressed bytes; "
                                + "kept the \(state.totalOut + Int64(buffer.count - Int(z.pointee.avail_out))) bytes inflated before the cut")
                    }
                    finished = true
                    break
                }
                z.pointee.next_in = state.inputBuffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                z.pointee.avail_in = uInt(n)
            }
            if !state.inMember {
                // A new member must start with the gzip magic number; anything else (zero
                // padding, garbage) ends the stream.
                if z.pointee.avail_in >= 2, z.pointee.next_in[0] != 0x1F || z.pointee.next_in[1] != 0x8B {
                    let allZero = (0..<Int(z.pointee.avail_in)).allSatisfy { z.pointee.next_in[$0] == 0 }
                    if !allZero {
                        warnings.append("\(name): ignored bytes after the last gzip member (not gzip data)")
                    }
                    finished = true
                    break
                }
                inflateReset(z)
                state.inMember = true
            }
            let status = inflate(z, Z_NO_FLUSH)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                state.inMember = false
            default:
                let reason = z.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                warnings.append(
                    "\(name): corrupt gzip data near compressed byte \(input.consumedBytes - Int64(z.pointee.avail_in)) (\(reason)); "
                        + "kept what was inflated before it")
                finished = true
            }
            if finished { break }
        }
        let produced = buffer.count - Int(z.pointee.avail_out)
        state.totalOut += Int64(produced)
        return produced
    }
}

/// zlib's stream state and input buffer, freed together.
final class InflateState {
    let stream: UnsafeMutablePointer<z_stream>
    let inputBuffer: UnsafeMutableRawBufferPointer
    var inMember = false
    var totalOut: Int64 = 0

    init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        inputBuffer = .allocate(byteCount: 256 * 1024, alignment: 16)
        // 15 + 16: a gzip wrapper with the largest window.
        inflateInit2_(stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        inputBuffer.deallocate()
    }
}
