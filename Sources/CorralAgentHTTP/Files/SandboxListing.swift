import CorralMesosJSON
import CorralModel
import Foundation

/// `/files/browse`: a directory's entries as Mesos's `FileInfo` in legacy JSON,
/// `[{"path","nlink","size","mtime","mode","uid","gid"}]`, sorted by path. `mode` is `ls -l`'s
/// (`-rw-r--r--`), `mtime` seconds, `uid` and `gid` names. Entries are described as they are,
/// never through a link, so a link shows as one (`l…`) and says nothing of what it points to.
enum SandboxListing {
    static func json(of directory: SandboxEntry, requested: String) -> [UInt8] {
        let prefix = requested.hasSuffix("/") ? requested : requested + "/"
        var writer = MesosJSONWriter()
        writer.writeArray { writer in
            for (name, status) in entries(of: directory) {
                writer.writeObject { writer in
                    writer.field("path", prefix + name)
                    writer.field("nlink", UInt64(status.st_nlink))
                    writer.field("size", Int64(status.st_size))
                    writer.field("mtime", Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9)
                    writer.field("mode", modeText(status.st_mode))
                    writer.field("uid", SystemUser.name(of: status.st_uid) ?? "\(status.st_uid)")
                    writer.field("gid", SystemUser.groupName(of: status.st_gid) ?? "\(status.st_gid)")
                }
            }
        }
        return writer.bytes
    }

    /// The entries by name, without `.` and `..`; those that vanish while listed are skipped.
    private static func entries(of directory: SandboxEntry) -> [(String, stat)] {
        let copy = dup(directory.descriptor)
        guard copy >= 0, let stream = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            return []
        }
        defer { closedir(stream) }
        var found: [(String, stat)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != ".." else { continue }
            var status = stat()
            guard fstatat(directory.descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            found.append((name, status))
        }
        return found.sorted { $0.0 < $1.0 }
    }

    /// `drwxr-xr-x`, as `ls -l` and Mesos write a mode (set-id and sticky bits aside).
    static func modeText(_ mode: mode_t) -> String {
        let kind: Character =
            switch mode & S_IFMT {
            case S_IFDIR: "d"
            case S_IFLNK: "l"
            case S_IFCHR: "c"
            case S_IFBLK: "b"
            case S_IFIFO: "p"
            case S_IFSOCK: "s"
            default: "-"
            }
        let bits: [(mode_t, Character)] = [
            (S_IRUSR, "r"), (S_IWUSR, "w"), (S_IXUSR, "x"), (S_IRGRP, "r"), (S_IWGRP, "w"), (S_IXGRP, "x"),
            (S_IROTH, "r"), (S_IWOTH, "w"), (S_IXOTH, "x"),
        ]
        return String([kind] + bits.map { mode & $0.0 != 0 ? $0.1 : "-" })
    }
}
