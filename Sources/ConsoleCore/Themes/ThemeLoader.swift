import Foundation

/// Reads theme files: with `ThemeDirectory`, the only theme code that touches the file system.
public enum ThemeLoader {
    /// Every `*.yaml` theme in `directory` as a catalog: the themes that loaded (the default
    /// first, then by file name) and the problems of the files that did not. With no directory, or
    /// an unreadable one, the catalog holds the built-in theme alone.
    public static func catalog(directory: String?) -> ThemeCatalog {
        guard let directory else { return ThemeCatalog(themes: [], problems: []) }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            let problem = ThemeProblem(file: directory, line: nil, message: "cannot read the themes directory")
            return ThemeCatalog(themes: [], problems: [problem], directory: directory)
        }
        var themes: [Theme] = []
        var problems: [ThemeProblem] = []
        for name in names.filter(isThemeFileName).sorted(by: loadingOrder) {
            switch load(file: (directory as NSString).appendingPathComponent(name)) {
            case .success(let theme): themes.append(theme)
            case .failure(let broken): problems += broken.problems
            }
        }
        return ThemeCatalog(themes: themes, problems: problems, directory: directory)
    }

    /// One theme file; its id is its name without the extension.
    public static func load(file path: String) -> Result<Theme, BrokenThemeFile> {
        let fileName = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(BrokenThemeFile(problems: [ThemeProblem(file: fileName, line: nil, message: "cannot read the file")]))
        }
        guard let yaml = String(data: data, encoding: .utf8) else {
            return .failure(BrokenThemeFile(problems: [ThemeProblem(file: fileName, line: nil, message: "not UTF-8 text")]))
        }
        return parse(yaml, id: themeID(fileName: fileName), fileName: fileName, source: .file(path: path))
    }

    /// The theme `yaml` describes, or everything wrong with it, each problem placed in `fileName`.
    public static func parse(
        _ yaml: String, id: String, fileName: String, source: Theme.Source
    ) -> Result<Theme, BrokenThemeFile> {
        ThemeParser.parse(yaml, id: id, fileName: fileName, source: source)
    }

    static func themeID(fileName: String) -> String {
        (fileName as NSString).deletingPathExtension
    }

    private static func isThemeFileName(_ name: String) -> Bool {
        // Dot files are editors' lock and swap files.
        !name.hasPrefix(".") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
    }

    private static func loadingOrder(_ a: String, _ b: String) -> Bool {
        let aIsDefault = themeID(fileName: a) == Theme.defaultID
        let bIsDefault = themeID(fileName: b) == Theme.defaultID
        return aIsDefault != bIsDefault ? aIsDefault : a < b
    }
}
