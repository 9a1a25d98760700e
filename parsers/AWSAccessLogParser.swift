import LogModel

/// The column layout of an AWS load balancer access log: what each space-separated column
/// means to a `Hit`. `ALBFormat` and `ClassicELBFormat` are two layouts of one parser.
struct AWSLogLayout: Sendable {
    /// What a column is read into.
    enum Role: Sendable {
        /// Kept in `Hit.extras` under the column's name.
        case extra(String)
        /// ISO-8601 UTC time → `Hit.time`.
        case time
        /// `address:port` → `Hit.client` and the extra `client_port`.
        case client
        /// Load balancer status code → `Hit.status` (`-` → 0).
        case status
        /// Bytes sent to the client → `Hit.bytes`.
        case sentBytes
        /// The quoted request line → method, host, path, query, protocol.
        case request
        /// The quoted user agent → `Hit.userAgent`.
        case userAgent
        /// A processing time in seconds, kept as an extra and added to `Hit.durationMicros`.
        case processingTime(String)
    }

    /// Roles of the documented columns, in order.
    var columns: [Role]
    /// Lines with fewer columns are rejected as `.truncated`.
    var mandatoryColumns: Int
    /// How many undocumented trailing columns are kept (as `field_N`, N the 1-based column).
    var unknownColumnLimit: Int = 16
}

/// Parses AWS load balancer access log lines by an `AWSLogLayout`.
///
/// Rules: blank lines and lines starting with `#` carry no request. `-` as the status is a
/// connection without an HTTP response (TCP/SSL listeners): a hit with status 0. A request of
/// `- - - ` leaves method and path empty. The duration is the sum of the processing times that
/// are not `-1`; -1 when all are. Undocumented trailing columns are tolerated.
struct AWSAccessLogParser: LogParser {
    /// A column's role without its name, so the per-line loop copies no Strings.
    enum Action: UInt8 {
        case extra, time, client, status, sentBytes, request, userAgent, processingTime
    }

    let actions: [Action]
    let mandatoryColumns: Int
    let buffers: ExtraFieldTable
    let extraValues: UnsafeMutableBufferPointer<ByteView>
    var timestamps = TimestampParser()

    init(layout: AWSLogLayout) {
        mandatoryColumns = layout.mandatoryColumns
        var names: [String] = []
        var actions: [Action] = []
        for role in layout.columns {
            switch role {
            case .extra(let name):
                names.append(name)
                actions.append(.extra)
            case .processingTime(let name):
                names.append(name)
                actions.append(.processingTime)
            case .client:
                names.append("client_port")
                actions.append(.client)
            case .time: actions.append(.time)
            case .status: actions.append(.status)
            case .sentBytes: actions.append(.sentBytes)
            case .request: actions.append(.request)
            case .userAgent: actions.append(.userAgent)
            }
        }
        self.actions = actions
        for k in 0..<layout.unknownColumnLimit { names.append("field_\(layout.columns.count + k + 1)") }
        buffers = ExtraFieldTable(names: names)
        extraValues = buffers.values
    }

    mutating func parse(_ line: ByteView, into hit: inout Hit) throws(LineRejection) -> Bool {
        var line = line
        if line.count > 0, line[line.count - 1] == ASCII.carriageReturn { line = line.slice(0, line.count - 1) }
        var first = 0
        while first < line.count, line[first] == ASCII.space || line[first] == ASCII.tab { first += 1 }
        if first == line.count || line[first] == ASCII.hash { return false }

        hit = Hit()
        var scanner = AWSFieldScanner(line)
        var column = 0
        var extra = 0
        var duration: Int64 = -1
        let capacity = extraValues.count
        while let field = try scanner.next() {
            if column < actions.count {
                switch actions[column] {
                case .extra:
                    extraValues[extra] = field
                    extra += 1
                case .time:
                    try timestamps.parseISO8601(field, into: &hit)
                case .client:
                    let (address, port) = AWSFieldValue.splitHostPort(field)
                    hit.client = address
                    extraValues[extra] = port
                    extra += 1
                case .status:
                    hit.status = try AWSFieldValue.status(field)
                case .sentBytes:
                    hit.bytes = try AWSFieldValue.byteCount(field)
                case .request:
                    if !AWSFieldValue.isAbsentRequest(field) { try RequestLine.parse(field, into: &hit) }
                case .userAgent:
                    hit.userAgent = field
                case .processingTime:
                    extraValues[extra] = field
                    extra += 1
                    if let micros = try AWSFieldValue.processingMicros(field) {
                        duration = (duration < 0 ? 0 : duration) + micros
                    }
                }
            } else if extra < capacity {
                extraValues[extra] = field
                extra += 1
            }
            column += 1
        }
        guard column >= mandatoryColumns else { throw .truncated }
        hit.durationMicros = duration
        hit.extras = buffers.fields(count: extra)
        return true
    }
}
