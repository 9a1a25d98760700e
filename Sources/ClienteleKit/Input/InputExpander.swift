import Foundation

/// Turns command-line paths (files, directories, glob patterns, `-`) into an ordered list of
/// sources, rotated sets oldest first.
package enum InputExpander {
    /// An input path that could not be used; the message names it.
    package struct Failure: Error, Sendable, CustomStringConvertible {
        package let description: String
    }

    /// Expands `arguments` into sources.
    ///
    /// Directories contribute their regular, non-hidden files (recursively); patterns with
    /// `*`, `?` or `[` are expanded with glob(3). Within each rotated set (`access.log`,
    /// `access.log.1`, `access.log.2.gz`, `access.log-20261101.gz`) files are ordered oldest
    /// first; sets keep the order in which they were named. A file named twice is read once.
    /// - Throws: `Failure` for a path that does not exist or a pattern that matches nothing.
    package static func expand(_ arguments: [String]) throws(Failure) -> [LogSource] {
        var files: [String] = []
        var sawStdin = false
        for argument in arguments {
            if argument == "-" {
                sawStdin = true
                continue
            }
            let matches = hasGlobCharacters(argument) ? glob(argument) : [argument]
            guard !matches.isEmpty else { throw Failure(description: "\(argument): no file matches this pattern") }
            for path in matches {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    throw Failure(description: "\(path): no such file or directory")
                }
                if isDirectory.boolValue {
                    files += filesInDirectory(path)
                } else {
                    files.append(path)
                }
            }
        }
        var seen = Set<String>()
        files = files.filter { seen.insert($0).inserted }
        var sources = orderRotatedSets(files).map { path in
            // stat(2) follows symbolic links (FileManager's attributes describe the link itself).
            var st = stat()
            let size = stat(path, &st) == 0 ? Int64(st.st_size) : 0
            return LogSource(path: path, size: size)
        }
        if sawStdin { sources.append(.standardInput) }
        return sources
    }

    /// Orders files so that each rotated set reads oldest first; sets appear in the order of
    /// their first member.
    package static func orderRotatedSets(_ paths: [String]) -> [String] {
        var setOrder: [String] = []
        var members: [String: [(key: RotationKey, path: String)]] = [:]
        for path in paths {
            let key = RotationKey(path: path)
            if members[key.base] == nil { setOrder.append(key.base) }
            members[key.base, default: []].append((key, path))
        }
        return setOrder.flatMap { base in members[base]!.sorted { $0.key < $1.key }.map(\.path) }
    }

    static func hasGlobCharacters(_ s: String) -> Bool {
        s.contains("*") || s.contains("?") || s.contains("[")
    }

    static func glob(_ pattern: String) -> [String] {
        var g = glob_t()
        defer { globfree(&g) }
        guard Glibc.glob(pattern, 0, nil, &g) == 0 else { return [] }
        return (0..<Int(g.gl_pathc)).compactMap { g.gl_pathv[$0].map { String(cString: $0) } }
    }

    static func filesInDirectory(_ directory: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var result: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                walker.skipDescendants()
                continue
            }
            let full = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                result.append(full)
            }
        }
        return result.sorted()
    }
}

/// Where a file sits in its rotated set. Older sorts first: dated files by date, then numbered
/// files by descending number, then the live file.
struct RotationKey: Comparable {
    /// The path with rotation suffixes (`.gz`, `.N`, `-YYYYMMDD`, `-YYYY-MM-DD`) removed.
    let base: String
    let rank: Int
    let order: Int

    init(path: String) {
        var name = Substring(path)
        if name.hasSuffix(".gz") { name = name.dropLast(3) }
        let isDigits = { (s: Substring) in !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        // access.log.3: numbered, older for larger numbers.
        if let dot = name.lastIndex(of: "."), case let n = name[name.index(after: dot)...], isDigits(n), n.count <= 5 {
            self.init(base: name[..<dot], rank: 1, order: -Int(n)!)
            return
        }
        // access.log-2026-11-01: dated with dashes.
        if name.count > 11, case let tail = name.suffix(11), tail.first == "-",
            case let parts = tail.dropFirst().split(separator: "-", omittingEmptySubsequences: false),
            parts.count == 3, parts.map(\.count) == [4, 2, 2], parts.allSatisfy(isDigits)
        {
            self.init(base: name.dropLast(11), rank: 0, order: Int(parts.joined())!)
            return
        }
        // access.log-20261101 or access.log-2026110103: dated.
        if let dash = name.lastIndex(of: "-"), case let d = name[name.index(after: dash)...], isDigits(d),
            d.count == 8 || d.count == 10
        {
            self.init(base: name[..<dash], rank: 0, order: Int(d.prefix(8))! * 100 + (d.count == 10 ? Int(d.suffix(2))! : 0))
            return
        }
        self.init(base: name, rank: 2, order: 0)
    }

    private init(base: Substring, rank: Int, order: Int) {
        self.base = String(base)
        self.rank = rank
        self.order = order
    }

    static func < (a: RotationKey, b: RotationKey) -> Bool {
        (a.rank, a.order) < (b.rank, b.order)
    }
}
