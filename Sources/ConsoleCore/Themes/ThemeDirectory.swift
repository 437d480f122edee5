import Foundation

/// Where the theme files are.
public enum ThemeDirectory {
    /// Names the themes directory outright.
    public static let environmentVariable = "CORRAL_THEMES"
    /// Where an installed Corral keeps its themes.
    public static let installedPath = "/usr/local/share/corral/themes"

    /// The themes directory: `$CORRAL_THEMES` if set (even if it does not exist, so the loader
    /// reports it); else `themes/` in the current directory; else a `themes/` folder in the
    /// executable's directory or one above it (so `.build/debug/corral` finds the repository's);
    /// else the installed one. A found folder counts only if it holds `default.yaml`, so an
    /// unrelated `themes/` (a website's, say) is passed over. Nil when there is none.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        executablePath: String? = runningExecutablePath(),
        installed: String = installedPath
    ) -> String? {
        locate(
            folder: "themes", holding: "default.yaml", environmentVariable: environmentVariable, environment: environment,
            currentDirectory: currentDirectory, executablePath: executablePath, installed: installed)
    }

    /// A folder of files beside the program (`themes`, `tours`): `$VARIABLE` if set; else the
    /// folder in the current directory (when one is given); else in the executable's directory
    /// or one above it; else the installed one. A folder counts only if it holds `marker`.
    public static func locate(
        folder name: String, holding marker: String, environmentVariable: String, environment: [String: String],
        currentDirectory: String?, executablePath: String?, installed: String
    ) -> String? {
        if let named = environment[environmentVariable], !named.isEmpty { return named }
        var candidates = currentDirectory.map { [($0 as NSString).appendingPathComponent(name)] } ?? []
        if let executablePath {
            var folder = (executablePath as NSString).deletingLastPathComponent
            while !folder.isEmpty {
                candidates.append((folder as NSString).appendingPathComponent(name))
                let parent = (folder as NSString).deletingLastPathComponent
                if parent == folder { break }
                folder = parent
            }
        }
        candidates.append(installed)
        return candidates.first { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent(marker)) }
    }

    /// The running program's path with symbolic links resolved.
    public static func runningExecutablePath() -> String? {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? Bundle.main.executablePath
    }
}
