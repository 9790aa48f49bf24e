import Foundation

/// Writes a file through a temporary file in the same folder and a rename, so that nobody sees
/// it half written, and never replaces an existing file unless asked to.
public enum AtomicFile {
    /// Why a file was not written.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, naming the file.
        public var description: String
    }

    /// Writes `text` to `path`; an existing regular file is replaced only when `replacing`.
    public static func write(_ text: String, to path: String, replacing: Bool) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        var status = stat()
        if lstat(path, &status) == 0 {
            // --force replaces a file, never a device, a pipe, a folder or what a link points to.
            guard status.st_mode & S_IFMT == S_IFREG else {
                throw Failure(description: "\(path) exists and is not a regular file (a device, a pipe, a folder or a link); "
                              + "choose another name")
            }
            guard replacing else {
                throw Failure(description: "\(path) exists; choose another name, or add --force to replace it")
            }
        }
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try Data(text.utf8).write(to: temporary, options: .withoutOverwriting)
        } catch {
            throw Failure(description: "cannot write \(path): \(reason(error))")
        }
        // link() fails when the target exists, so a file created meanwhile is not replaced either.
        let result = replacing ? rename(temporary.path, url.path) : link(temporary.path, url.path)
        let code = errno
        unlink(temporary.path)
        if result != 0 {
            throw Failure(description: code == EEXIST ? "\(path) exists; choose another name, or add --force to replace it"
                          : "cannot write \(path): \(String(cString: strerror(code)))")
        }
    }

    private static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        return underlying.map { String(cString: strerror(Int32($0.code))) } ?? (error as NSError).localizedDescription
    }
}

extension AtomicFile {
    /// Writes `text` to the first of `name.ext`, `name-2.ext`, `name-3.ext`, … in `directory`
    /// that does not exist, never replacing a file; returns the path written.
    public static func writeNew(_ text: String, directory: String, name: String, extension ext: String) throws(Failure) -> String {
        var lastFailure = Failure(description: "no free name for \(name).\(ext) in \(directory)")
        for attempt in 1...100 {
            let file = attempt == 1 ? "\(name).\(ext)" : "\(name)-\(attempt).\(ext)"
            let path = directory == "." ? file : (directory as NSString).appendingPathComponent(file)
            do {
                try write(text, to: path, replacing: false)
                return path
            } catch {
                var status = stat()
                // Taken: try the next name; anything else is the answer.
                guard lstat(path, &status) == 0 else { throw error }
                lastFailure = error
            }
        }
        throw lastFailure
    }
}
