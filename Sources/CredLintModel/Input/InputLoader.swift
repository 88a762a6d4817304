import Foundation

/// Turns the paths on the command line into one `AccountInputs` per account.
///
/// Files are recognised by content, not by name; directories are walked
/// recursively in sorted order; `-` reads standard input. Files are grouped by
/// the account id in their ARNs; files that carry none (GetAccountSummary,
/// GetAccountPasswordPolicy, a ListMFADevices of hardware tokens) join the one
/// account of the directory they sit in.
public struct InputLoader: Sendable {
    public struct Options: Sendable {
        /// Every size and count cap (`--max-input-size`): file size, rows, elements, text, policies…
        public var caps: InputCaps = .standard
        /// `--skip-unrecognized` (the pre-commit hooks): a file named on the command line that is
        /// not IAM data is skipped with a note, as in a directory walk, and a run that finds
        /// no IAM data at all is empty (exit 0), not an input error.
        package var skipUnrecognized = false
        /// `--exclude`: files and folders a directory walk leaves out (`FileIO.walk`).
        package var exclude: [Glob] = []
        /// `--keep-going`: an input error fails only its account (see `Result.failures`),
        /// instead of the whole load.
        package var keepGoing = false
        public init() {}
    }

    /// An account that could not be loaded (only with `keepGoing`).
    package struct AccountFailure: Sendable {
        package var accountID: String
        /// In the order met; never empty.
        package var errors: [CredLintError]
        /// The account's input files, including the ones that failed.
        package var files: [String]
    }

    package struct Result: Sendable {
        package var accounts: [AccountInputs]
        package var notes: [Note]
        /// With `keepGoing`: accounts left out of `accounts` because an input failed. Sorted by account id.
        package var failures: [AccountFailure] = []
    }

    package var options: Options
    package init(options: Options = Options()) { self.options = options }

    /// The account of files when nothing names one.
    package static let unknownAccount = "unknown"

    /// One file's document: read, or (for GAAD and the MFA lists, which can be large)
    /// only peeked at for its account and read in full when its account is resolved.
    fileprivate enum Document: Sendable {
        case parsed(IAMDocument)
        case deferred(file: InputFile, accountID: String?)
    }

    fileprivate struct Loaded: Sendable {
        var document: Document
        var path: String
        var directory: String
        var accountID: String?
    }

    /// A file that failed to load, before it is known which account it belongs to.
    private struct FailedFile: Sendable {
        var path: String
        var directory: String
        var error: CredLintError
    }

    /// One account's files, grouped, in the order they were found. Resolving reads the
    /// deferred ones and merges them (`resolve`); accounts can be resolved in parallel.
    package struct PendingAccount: Sendable {
        package let accountID: String
        fileprivate let items: [Loaded]
        /// The account's input files, sorted.
        package var files: [String] { items.map(\.path).sorted() }
    }

    /// Every account's files, grouped, and the notes about files skipped.
    package struct Plan: Sendable {
        package var accounts: [PendingAccount]
        package var notes: [Note]
        /// With `keepGoing`: accounts already known to have failed (an input could not be
        /// read or placed); they are not in `accounts`. Sorted by account id.
        package var failures: [AccountFailure] = []
        /// The `organization.json` among the inputs (`scripts/collect.sh --org`), if any.
        package var organization: OrganizationManifest?
        /// The `collection-error.json` files among the inputs: accounts the collector could not collect.
        package var collectionErrors: [OrganizationManifest.CollectionError] = []
    }

    /// Plans and resolves every account. `readStdin` replaces standard input (tests); by
    /// default it is read with `readStandardInput()`.
    package func load(paths: [String], readStdin: (() throws -> [UInt8])? = nil) throws -> Result {
        let plan = try plan(paths: paths, readStdin: readStdin)
        var accounts: [AccountInputs] = []
        var failures = plan.failures
        for pending in plan.accounts {
            do {
                accounts.append(try resolve(pending))
            } catch let e as CredLintError where options.keepGoing {
                failures.append(AccountFailure(accountID: pending.accountID, errors: [e], files: pending.files))
            }
        }
        var result = Result(accounts: accounts, notes: plan.notes)
        result.failures = failures.sorted { $0.accountID < $1.accountID }
        return result
    }

    /// Finds and groups the inputs. Files are read on `jobs` threads; the large IAM
    /// responses are only read far enough to tell their account.
    package func plan(paths: [String], jobs: Int = 1, readStdin: (() throws -> [UInt8])? = nil) throws -> Plan {
        enum Entry: Sendable {
            case file(raw: String, shown: String, explicit: Bool, directory: String)
            case read(Loaded?, [Note])
            case failed(FailedFile)
            case collector(CollectorFile)
        }
        var entries: [Entry] = []
        let keepGoing = options.keepGoing
        if paths.isEmpty { throw CredLintError("no input paths given; expected files, directories or '-' for standard input") }
        for raw in paths {
            if raw == "-" {
                do {
                    var notes: [Note] = []
                    let bytes = try readStdin?() ?? readStandardInput()
                    let doc = try read(bytes: bytes, path: "stdin", explicit: true, notes: &notes)
                    entries.append(.read(doc.map { Loaded(document: .parsed($0), path: "stdin", directory: ".", accountID: nil) }, notes))
                } catch let e as CredLintError where keepGoing {
                    entries.append(.failed(FailedFile(path: "stdin", directory: ".", error: e)))
                }
                continue
            }
            var raw = raw
            var isDir: ObjCBool = false
            if !FileManager.default.fileExists(atPath: raw, isDirectory: &isDir), let opened = FileIO.openRawArgument(raw) {
                raw = opened  // a file name that is not UTF-8
            }
            let path = FileIO.displayPath(raw)
            guard FileManager.default.fileExists(atPath: raw, isDirectory: &isDir) else {
                throw CredLintError("no such file or directory", path: path)
            }
            if !isDir.boolValue && !FileIO.isRegularFile(raw) {
                // A FIFO, `<(…)`, `/dev/stdin`: it can be read only once, so it is read here,
                // whole, like standard input, and judged from those bytes.
                do {
                    var notes: [Note] = []
                    let fd = open(raw, O_RDONLY | O_CLOEXEC)
                    guard fd >= 0 else { throw CredLintError("cannot open: \(String(cString: strerror(errno)))", path: path) }
                    defer { close(fd) }
                    let bytes = try readStream(fd: fd, path: path)
                    let doc = try read(bytes: bytes, path: path, explicit: !options.skipUnrecognized, notes: &notes)
                    entries.append(.read(doc.map { Loaded(document: .parsed($0), path: path, directory: FileIO.parent(path), accountID: nil) }, notes))
                } catch let e as CredLintError where keepGoing {
                    entries.append(.failed(FailedFile(path: path, directory: FileIO.parent(path), error: e)))
                }
            } else if isDir.boolValue {
                let walk = try FileIO.walk(directory: raw, exclude: options.exclude)
                for file in walk.files {
                    let shown = FileIO.displayPath(file)
                    entries.append(.file(raw: file, shown: shown, explicit: false, directory: FileIO.parent(shown)))
                }
                if !walk.notes.isEmpty { entries.append(.read(nil, walk.notes)) }
            } else {
                entries.append(.file(raw: raw, shown: path, explicit: !options.skipUnrecognized, directory: FileIO.parent(path)))
            }
        }
        // Read (or peek at) every file; the first error in file order wins, as when reading
        // one by one. With `keepGoing` an error fails only its file.
        let read = try ParallelMap.map(entries, jobs: jobs) { entry -> Entry in
            guard case let .file(raw, shown, explicit, directory) = entry else { return entry }
            do {
                // The one open of this file: sniffing, peeking and reading all use it (issue 15).
                let file = try InputFile(path: raw, shown: shown)
                if let own = try readCollectorFile(file: file, shown: shown) { return .collector(own) }
                var notes: [Note] = []
                let doc = try readOrPeek(file: file, shown: shown, explicit: explicit, notes: &notes)
                // A report or a large response keeps its descriptor until its account is linted;
                // an Organization of thousands of them parks some rather than run out.
                file.parkIfOverBudget()
                return .read(doc.map { Loaded(document: $0, path: shown, directory: directory, accountID: nil) }, notes)
            } catch let e as CredLintError where keepGoing {
                return .failed(FailedFile(path: shown, directory: directory, error: e))
            }
        }
        var loaded: [Loaded] = []
        var notes: [Note] = []
        var failedFiles: [FailedFile] = []
        var manifests: [OrganizationManifest] = []
        var collectionErrors: [OrganizationManifest.CollectionError] = []
        for entry in read {
            switch entry {
            case .read(let l, let n): if let l { loaded.append(l) }; notes += n
            case .failed(let f): failedFiles.append(f)
            case .collector(.manifest(let m)): if !manifests.contains(where: { $0.path == m.path }) { manifests.append(m) }
            case .collector(.collectionError(let e)):
                if !collectionErrors.contains(where: { $0.location.path == e.location.path }) { collectionErrors.append(e) }
            case .file: preconditionFailure("every file entry is read above")
            }
        }
        // Same file named twice (a directory and a file inside it): read once.
        var seenPaths = Set<String>()
        loaded = loaded.filter { seenPaths.insert($0.path).inserted }

        var identified: [Loaded] = []
        for var item in loaded {
            do {
                item.accountID = try accountID(of: item)
                identified.append(item)
            } catch let e as CredLintError where keepGoing {
                failedFiles.append(FailedFile(path: item.path, directory: item.directory, error: e))
            }
        }
        loaded = identified
        let orphans = try assignByDirectory(&loaded, notes: &notes, failed: &failedFiles)

        // A failed file belongs to the one account of its directory; when that is not
        // known (the file that named it is the one that failed), to account "unknown".
        var failures: [String: AccountFailure] = [:]
        for f in failedFiles {
            let inDirectory = Set(loaded.filter { $0.directory == f.directory }.compactMap(\.accountID))
            let acct = inDirectory.count == 1 ? inDirectory.first! : Self.unknownAccount
            failures[acct, default: AccountFailure(accountID: acct, errors: [], files: [])].errors.append(f.error)
            failures[acct]!.files.append(f.path)
        }
        if !orphans.isEmpty { failures[Self.unknownAccount]?.files += orphans }

        var byAccount: [String: [Loaded]] = [:]
        for item in loaded {
            guard let acct = item.accountID else { continue }
            byAccount[acct, default: []].append(item)
        }
        if manifests.count > 1 {
            throw CredLintError("a second organization.json (the first is \(manifests[0].path)); expected one Organization per run",
                                path: manifests[1].path)
        }
        // A mistyped path or an empty export folder must not pass a CI gate as "clean". (An
        // Organization folder whose accounts all failed says so account by account: `OrganizationCheck`.)
        let nothing = byAccount.isEmpty && failures.isEmpty && manifests.isEmpty && collectionErrors.isEmpty
        if nothing && options.skipUnrecognized {
            notes.append(Note("no IAM data among the \(paths.count) path\(paths.count == 1 ? "" : "s") given (--skip-unrecognized); nothing was linted"))
        } else if nothing {
            // Say why the first was skipped: "not IAM data" and "a link out of the folder" need different fixes.
            let first = notes.sorted().first.map { ", first \($0.location.map { "\($0.path): " } ?? "")\($0.message)" } ?? ""
            let skipped = notes.isEmpty ? "" : " (\(notes.count) path\(notes.count == 1 ? "" : "s") skipped\(first))"
            throw CredLintError("no IAM data found\(skipped); expected a credential report (\(CollectionFailure.reportCommands)), "
                                + "IAM API XML responses or awscli JSON", path: FileIO.displayPath(paths[0]))
        }
        var accounts: [PendingAccount] = []
        for acct in byAccount.keys.sorted() {
            let items = byAccount[acct]!
            // An account with a failed input is not linted from the rest of its files.
            if failures[acct] != nil {
                failures[acct]!.files += items.map(\.path)
            } else {
                accounts.append(PendingAccount(accountID: acct, items: items))
            }
        }
        var plan = Plan(accounts: accounts, notes: notes.sorted())
        plan.organization = manifests.first
        plan.collectionErrors = collectionErrors.sorted { $0.accountID < $1.accountID }
        plan.failures = failures.values.sorted { $0.accountID < $1.accountID }.map { f in
            var f = f
            f.files = Array(Set(f.files)).sorted()
            return f
        }
        return plan
    }

    /// Reads an account's deferred files (on up to `jobs` threads) and merges everything
    /// given for it, in the order the files were found.
    package func resolve(_ pending: PendingAccount, jobs: Int = 1) throws -> AccountInputs {
        var a = AccountInputs(accountID: pending.accountID)
        var pages: [AuthorizationDetailsPage] = []
        let deferred = pending.items.indices.filter {
            if case .deferred = pending.items[$0].document { return true }
            return false
        }
        // Read first, in parallel; any error is thrown below in file order.
        let caps = options.caps
        let reads = try ParallelMap.map(deferred, jobs: jobs) { i -> Swift.Result<IAMDocument, Error> in
            guard case .deferred(let file, _) = pending.items[i].document else { preconditionFailure() }
            return Swift.Result {
                let doc = try IAMXMLReader.read(file: file, displayPath: pending.items[i].path, caps: caps)
                try caps.check(doc)
                return doc
            }
        }
        var readByIndex: [Int: Swift.Result<IAMDocument, Error>] = [:]
        for (i, r) in zip(deferred, reads) { readByIndex[i] = r }
        for (index, item) in pending.items.enumerated() {
            var item = item
            if case .deferred(_, let peeked) = item.document {
                let doc = try readByIndex[index]!.get()
                item.document = .parsed(doc)
                // The peek looked at the ARNs the full read takes the account from, so they agree
                // (and a file naming two accounts fails here as it would have before).
                let full = try accountID(of: item)
                if full != peeked {
                    throw CredLintError("internal: the file's account \(full ?? "none") differs from the \(peeked ?? "none") its first ARN gave", path: item.path)
                }
            }
            guard case .parsed(let doc) = item.document else { continue }
            try merge(doc, item.path, into: &a, pages: &pages)
        }
        var result = try finish(a, pages: pages)
        result.files.sort()
        return result
    }

    // MARK: reading one input

    /// Standard input, held in memory (it cannot be read twice) up to `caps.inputBytes`.
    func readStandardInput() throws -> [UInt8] { try readStream(fd: 0, path: "stdin") }

    /// An input that can be read only once (standard input, a pipe, a FIFO), held in memory
    /// up to `caps.inputBytes` (a CSV too). Its first 4 KiB are judged
    /// first, so a pipe of something that is not IAM data fails at once instead of being
    /// buffered up to the limit.
    func readStream(fd: Int32, path: String) throws -> [UInt8] {
        let head = try FileIO.readHead(fd: fd, count: 4096, path: path)
        let limit = options.caps.inputBytes
        switch Sniffer.kind(of: try InputEncoding.decode(head, limit: limit, path: path, complete: false)) {
        case .other(let what):
            var ignored: [Note] = []
            _ = try skip(path, what, explicit: true, notes: &ignored)
        case .empty(let blank):
            throw CollectionFailure.empty(path: path, blank: blank)
        default:
            break
        }
        return try InputEncoding.decode(try FileIO.readAll(fd: fd, limit: limit, path: path, prefix: head), limit: limit, path: path)
    }

    /// The collector's own files: `organization.json` and `collection-error.json`.
    fileprivate enum CollectorFile: Sendable {
        case manifest(OrganizationManifest)
        case collectionError(OrganizationManifest.CollectionError)
    }

    /// One of the collector's own files, recognised by its marker key, or nil for anything else.
    private func readCollectorFile(file: InputFile, shown: String) throws -> CollectorFile? {
        let head = try file.head(4096, shown: shown)
        guard let candidate = OrganizationManifest.candidate(head) else { return nil }
        // Small files (one entry per account), held to the same cap as any IAM document.
        let json = try options.caps.jsonParser.parse(try file.readAll(limit: options.caps.inputBytes, shown: shown), path: shown)
        switch candidate {
        case .manifest: return try OrganizationManifest.read(json: json, path: shown).map { .manifest($0) }
        case .collectionError: return try OrganizationManifest.readCollectionError(json: json, path: shown).map { .collectionError($0) }
        }
    }

    /// GAAD and the MFA lists are only peeked at; everything else is read now.
    private func readOrPeek(file: InputFile, shown: String, explicit: Bool, notes: inout [Note]) throws -> Document? {
        let head = try file.head(4096, shown: shown)
        if InputEncoding.of(head) != nil {
            // UTF-16 or gzip: judged from its decoded head (an unrelated archive in an export
            // folder is skipped without being unpacked), then decoded whole and read as bytes.
            let limit = options.caps.inputBytes
            if case .other(let what) = Sniffer.kind(of: try InputEncoding.decode(head, limit: 4096, path: shown, complete: false)) {
                return try skip(shown, what, explicit: explicit, notes: &notes).map { .parsed($0) }
            }
            let bytes = try InputEncoding.decode(try file.readAll(limit: limit, shown: shown), limit: limit, path: shown)
            return try read(bytes: bytes, path: shown, explicit: explicit, notes: &notes).map { .parsed($0) }
        }
        if case .xml = Sniffer.kind(of: head),
           case .deferrable(let id) = try IAMXMLReader.peek(file: file, displayPath: shown, caps: options.caps) {
            return .deferred(file: file, accountID: id)
        }
        return try read(file: file, head: head, shown: shown, explicit: explicit, notes: &notes).map { .parsed($0) }
    }

    private func read(file: InputFile, head: [UInt8], shown: String, explicit: Bool, notes: inout [Note]) throws -> IAMDocument? {
        try checked(try readDocument(.file(file, head: head), shown: shown, explicit: explicit, notes: &notes))
    }

    private func read(bytes: [UInt8], path: String, explicit: Bool, notes: inout [Note]) throws -> IAMDocument? {
        try checked(try readDocument(.bytes(bytes), shown: path, explicit: explicit, notes: &notes))
    }

    /// A document read now: refused if it is a collection failure, or past a count cap.
    private func checked(_ doc: IAMDocument?) throws -> IAMDocument? {
        let doc = try Self.refuseCollectionFailure(doc)
        if let doc { try options.caps.check(doc) }
        return doc
    }

    /// An error document, the CLI's error text or GenerateCredentialReport's state is an input
    /// error wherever it sits, never a skipped file (`CollectionFailure`).
    private static func refuseCollectionFailure(_ doc: IAMDocument?) throws -> IAMDocument? {
        if let doc, let e = CollectionFailure.error(for: doc) { throw e }
        return doc
    }

    /// What a document is read from: an open file (XML streams from it; its head is already
    /// read) or bytes in memory (a decoded gzip or UTF-16 file).
    private enum Body {
        case file(InputFile, head: [UInt8])
        case bytes([UInt8])
    }

    private func readDocument(_ body: Body, shown: String, explicit: Bool, notes: inout [Note]) throws -> IAMDocument? {
        let kind: Sniffer.Kind
        switch body {
        case .file(_, let head): kind = Sniffer.kind(of: head)
        case .bytes(let bytes): kind = Sniffer.kind(of: bytes.prefix(4096))
        }
        switch kind {
        case .xml:
            do {
                var doc: IAMDocument
                switch body {
                case .file(let file, _): doc = try IAMXMLReader.read(file: file, displayPath: shown, caps: options.caps)
                case .bytes(let bytes): doc = try IAMXMLReader.read(bytes: bytes, displayPath: shown, caps: options.caps)
                }
                try fillAccount(&doc, path: shown)
                return doc
            } catch IAMXMLReader.Failure.notIAMData(let root) {
                return try skip(shown, "an XML document with root element <\(root)>", explicit: explicit, notes: &notes)
            }
        case .json:
            let bytes: [UInt8]
            switch body {
            case .file(let file, _): bytes = try file.readAll(limit: options.caps.inputBytes, shown: shown)
            case .bytes(let b): bytes = b
            }
            do {
                var doc = try IAMJSONReader.read(bytes: bytes, path: shown, caps: options.caps)
                try fillAccount(&doc, path: shown)
                return doc
            } catch IAMJSONReader.Failure.notIAMData(let what) {
                return try skip(shown, "JSON that is not an IAM response (\(what))", explicit: explicit, notes: &notes)
            }
        case .csv:
            var input: CredentialReportInput
            switch body {
            case .file(let file, _):
                if file.size > options.caps.inputBytes {
                    throw CredLintError("file is \(file.size) bytes; the limit is \(options.caps.inputBytes) (raise it with --max-input-size)", path: shown)
                }
                input = CredentialReportInput(path: shown, container: .csv, content: .openFile(file))
            case .bytes(let bytes):
                input = CredentialReportInput(path: shown, container: .csv, content: .bytes(bytes))
            }
            input.caps = options.caps
            input.accountID = try Self.peekAccount(input, path: shown)
            return .credentialReport(input)
        case .awscliError:
            switch body {
            case .file(let file, _):
                return try AWSCLIError.parse(try file.readAll(limit: 1 << 20, shown: shown, hint: "an awscli error message is one line"), path: shown)
            case .bytes(let bytes):
                return try AWSCLIError.parse(bytes, path: shown)
            }
        case .empty(let blank):
            throw CollectionFailure.empty(path: shown, blank: blank)
        case .other(let what):
            return try skip(shown, what, explicit: explicit, notes: &notes)
        }
    }

    private func skip(_ path: String, _ what: String, explicit: Bool, notes: inout [Note]) throws -> IAMDocument? {
        if explicit {
            throw CredLintError("found \(what); expected an IAM credential report (CSV), an IAM API XML response or awscli JSON", path: path)
        }
        notes.append(Note("skipped: \(what), not IAM data", at: SourceLocation(path: path)))
        return nil
    }

    /// Envelopes carry the report as bytes; find its account id from the first row.
    private func fillAccount(_ doc: inout IAMDocument, path: String) throws {
        if case .credentialReport(var input) = doc {
            input.caps = options.caps
            if input.accountID == nil { input.accountID = try Self.peekAccount(input, path: path) }
            doc = .credentialReport(input)
        }
    }

    /// The account of a report's first row. A report without rows is an input error: AWS
    /// always writes the root row, so a header alone is a cut or hand-emptied file.
    private static func peekAccount(_ input: CredentialReportInput, path: String) throws -> String? {
        let peek = try CredentialReportParser.peek(input.content, path: path, caps: input.caps)
        guard peek.hasRows else {
            throw CollectionFailure.headerOnly(at: input.contentLocation ?? SourceLocation(path: path))
        }
        return peek.accountID
    }

    // MARK: grouping

    private func accountID(of item: Loaded) throws -> String? {
        let document: IAMDocument
        switch item.document {
        case .deferred(_, let id): return id
        case .parsed(let d): document = d
        }
        switch document {
        case .credentialReport(let r): return r.accountID
        case .authorizationDetails(let p):
            let arns = p.users.map(\.arn) + p.groups.map(\.arn) + p.roles.map(\.arn)
                + p.policies.filter { !$0.isAWSManaged }.map(\.arn)
            return try single(arns.compactMap(ARN.accountID), path: item.path)
        case .virtualMFADevices(let l), .mfaDevices(let l):
            let ids = l.devices.flatMap { [ARN.accountID($0.serialNumber), $0.userARN.flatMap(ARN.accountID)] }.compactMap { $0 }
            return try single(ids, path: item.path)
        default:
            return nil
        }
    }

    private func single(_ ids: [String], path: String) throws -> String? {
        let unique = Set(ids)
        if unique.count > 1 {
            throw CredLintError("file mixes accounts \(unique.sorted().joined(separator: ", ")); expected one account per file", path: path)
        }
        return unique.first
    }

    /// Gives files that name no account the account of their directory (or of the run).
    /// Returns the files left without one because their directory's account-naming
    /// file failed (only with `keepGoing`): they must not be linted as another account's.
    private func assignByDirectory(_ loaded: inout [Loaded], notes: inout [Note], failed: inout [FailedFile]) throws -> [String] {
        var unassignable = Set<Int>()
        var orphans: [String] = []
        let failedDirectories = Set(failed.map(\.directory))
        var accountsByDir: [String: Set<String>] = [:]
        for item in loaded { if let a = item.accountID { accountsByDir[item.directory, default: []].insert(a) } }
        let allAccounts = Set(loaded.compactMap(\.accountID))
        for i in loaded.indices where loaded[i].accountID == nil {
            let dirAccounts = accountsByDir[loaded[i].directory] ?? []
            if dirAccounts.isEmpty && failedDirectories.contains(loaded[i].directory) {
                orphans.append(loaded[i].path)
                unassignable.insert(i)
            } else if dirAccounts.count == 1 {
                loaded[i].accountID = dirAccounts.first
            } else if dirAccounts.isEmpty && allAccounts.count == 1 {
                loaded[i].accountID = allAccounts.first
            } else if dirAccounts.isEmpty && allAccounts.isEmpty {
                // Nothing names an account at all (e.g. only a summary): use a placeholder id.
                loaded[i].accountID = Self.unknownAccount
                notes.append(Note("no file names an account id; results are reported for account '\(Self.unknownAccount)'",
                                  at: SourceLocation(path: loaded[i].path)))
            } else {
                let candidates = (dirAccounts.isEmpty ? allAccounts : dirAccounts).sorted().joined(separator: ", ")
                let e = CredLintError("cannot tell which account this file belongs to (it names none; candidates: \(candidates)); put each account's files in a directory of their own",
                                      path: loaded[i].path)
                guard options.keepGoing else { throw e }
                failed.append(FailedFile(path: loaded[i].path, directory: loaded[i].directory, error: e))
                unassignable.insert(i)
            }
        }
        if !unassignable.isEmpty {
            loaded = loaded.enumerated().filter { !unassignable.contains($0.offset) }.map(\.element)
        }
        return orphans
    }

    // MARK: merging

    private func merge(_ document: IAMDocument, _ path: String, into a: inout AccountInputs, pages: inout [AuthorizationDetailsPage]) throws {
        a.files.append(path)
        switch document {
        case .credentialReport(let r):
            if let existing = a.report {
                a.report = try mergeReports(existing, r, locationPath: &a.reportLocationPath)
            } else {
                a.report = r
                a.reportLocationPath = r.path
            }
        case .authorizationDetails(let p):
            a.hasAuthorizationDetails = true
            pages.append(p)
        case .virtualMFADevices(let l):
            a.hasVirtualMFAList = true
            if l.isTruncated { a.notes.append(Note("ListVirtualMFADevices page is truncated (IsTruncated=true)", at: l.location)) }
            a.virtualMFADevices += l.devices
            // Account findings about MFA devices point at the virtual list, which names them all.
            if !a.virtualListSeen { a.mfaLocation = l.location; a.virtualListSeen = true }
        case .mfaDevices(let l):
            if let u = l.userName ?? l.devices.first?.userName ?? Self.userFromFileName(path) {
                a.mfaListedUsers.insert(u)
            } else {
                a.notes.append(Note("ListMFADevices response has no devices and does not say for which user; name the file ListMFADevices-USER.xml or mfa-devices-USER.json", at: l.location))
            }
            if l.isTruncated { a.notes.append(Note("ListMFADevices page is truncated (IsTruncated=true)", at: l.location)) }
            a.mfaDevices += l.devices
            if !a.virtualListSeen { a.mfaLocation = a.mfaLocation ?? l.location }
        case .accountSummary(let s):
            if let existing = a.summary, existing.values != s.values {
                throw CredLintError("a second, different GetAccountSummary for account \(a.accountID) (the first is \(existing.location?.path ?? "?"))", at: s.location)
            }
            a.summary = s
        case .passwordPolicy(let p):
            if let existing = a.passwordPolicy, existing.minimumPasswordLength != p.minimumPasswordLength || existing.passwordReusePrevention != p.passwordReusePrevention {
                throw CredLintError("a second, different password policy for account \(a.accountID)", at: p.location)
            }
            if let none = a.noPasswordPolicy {
                throw CredLintError("a password policy, but \(none.path) says the account has none", at: p.location)
            }
            a.passwordPolicy = p
        case .noPasswordPolicy(let loc):
            if a.passwordPolicy != nil { throw CredLintError("says the account has no password policy, but another file has one", at: loc) }
            a.noPasswordPolicy = loc
        case .iamError, .awsCLIError, .credentialReportState:
            // Refused when read (`refuseCollectionFailure`); kept so the switch stays exhaustive.
            if let e = CollectionFailure.error(for: document) { throw e }
        case .ignorable(let kind, let loc):
            a.notes.append(Note("\(kind) response holds nothing to lint", at: loc))
        }
    }

    /// An empty ListMFADevices response does not name its user (AWS does not echo
    /// the request), so the collector's file name says it: `ListMFADevices-USER.xml`,
    /// `list-mfa-devices-USER.json` or `mfa-devices-USER.json`.
    static func userFromFileName(_ path: String) -> String? {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: ".") else { return nil }
        let stem = file[..<dot]
        for prefix in ["ListMFADevices-", "ListMFADevices_", "list-mfa-devices-", "mfa-devices-"] where stem.hasPrefix(prefix) {
            let user = stem.dropFirst(prefix.count)
            return user.isEmpty ? nil : String(user)
        }
        return nil
    }

    /// Merges an account's GAAD pages (their order does not matter) and checks the listing is complete.
    private func finish(_ input: AccountInputs, pages ps: [AuthorizationDetailsPage]) throws -> AccountInputs {
        var a = input
        guard !ps.isEmpty else { return a }
        let truncated = ps.filter(\.isTruncated)
        if !truncated.isEmpty && truncated.count == ps.count {
            let t = truncated[0]
            throw CredLintError("GetAccountAuthorizationDetails page is truncated (IsTruncated=true, Marker \(t.marker ?? "?")) and no page ends the listing; expected every page (linting half an account would report a false 'single admin'; aws iam get-account-authorization-details fetches them all)", at: t.location)
        }
        let sorted = ps.sorted { $0.location < $1.location }
        try Self.checkOneListing(sorted, accountID: a.accountID)
        a.authorizationDetailsLocation = sorted.first?.location
        // Every page of a listing carries the four lists; an export with `--filter Role` has no user list on any.
        a.hasUserDetails = sorted.contains(where: \.hasUserList)
        var seen = Set<String>()
        for p in sorted {
            for u in p.users where seen.insert(u.arn).inserted { a.users.append(u) }
            for g in p.groups where seen.insert(g.arn).inserted { a.groups.append(g) }
            for r in p.roles where seen.insert(r.arn).inserted { a.roles.append(r) }
            for pol in p.policies where seen.insert(pol.arn).inserted { a.policies.append(pol) }
        }
        return a
    }

    /// An account's GAAD pages must be one listing: one snapshot of the account.
    ///
    /// A response does not echo the `Marker` it was requested with, so a chain cannot be
    /// followed link by link. What the pages do show is enough: every page but the last
    /// says `IsTruncated=true`, so a listing has exactly one page that is not truncated
    /// (awscli output is a whole listing, merged, with no `IsTruncated`); and IAM lists each
    /// user, group, role and policy once, so pages of one listing never share an ARN.
    /// Two pages that end a listing, or an ARN on two pages, are two snapshots: merging them
    /// would mix two points in time (a user removed between them would still count as an
    /// admin), so it is an input error naming both files, like two credential reports.
    static func checkOneListing(_ pages: [AuthorizationDetailsPage], accountID: String) throws {
        let complete = pages.filter { !$0.isTruncated }
        if complete.count > 1 {
            throw CredLintError("two complete GetAccountAuthorizationDetails listings for account \(accountID): \(complete[0].location.path) and \(complete[1].location.path) (each ends a listing: no IsTruncated=true); expected one snapshot per account (pages of one listing merge; lint two snapshots separately)",
                                at: complete[1].location)
        }
        var pageOf: [String: Int] = [:]
        for (i, p) in pages.enumerated() {
            let arns = p.users.map(\.arn) + p.groups.map(\.arn) + p.roles.map(\.arn) + p.policies.map(\.arn)
            for arn in arns {
                if let j = pageOf[arn], j != i {
                    throw CredLintError("\(arn) is on two GetAccountAuthorizationDetails pages of account \(accountID): \(pages[j].location.path) and \(p.location.path); pages of one listing never repeat an entry, so these are two snapshots; expected one snapshot per account (lint them separately)",
                                        at: p.location)
                }
                pageOf[arn] = i
            }
        }
    }

    private func mergeReports(_ a: CredentialReportInput, _ b: CredentialReportInput, locationPath: inout String?) throws -> CredentialReportInput {
        let da = try FileIO.reportBytes(a.content), db = try FileIO.reportBytes(b.content)
        guard FileIO.normalizedCSV(da) == FileIO.normalizedCSV(db) else {
            throw CredLintError("two different credential reports for account \(a.accountID ?? "?"): \(a.path) and \(b.path); expected one report per account (lint them separately)", path: b.path)
        }
        // One report: keep the envelope's GeneratedTime, point findings at the bare CSV's rows.
        var kept = a.generatedTime != nil ? a : b
        let csv = [a, b].first { $0.container == .csv }
        if kept.generatedTime == nil { kept.generatedTime = a.generatedTime ?? b.generatedTime }
        if let csv {
            kept.content = csv.content
            locationPath = csv.path
            kept.contentLocation = nil
        }
        return kept
    }
}
