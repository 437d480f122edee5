import ConsoleCore
import CorralModel
import Foundation

/// `S`: the screen as it is now, written as SVG (colours as the theme means them, at 256
/// colours whatever this terminal shows) and as plain text, into `directory`.
struct ScreenSaver: Sendable {
    let directory: String

    /// Writes both files and returns the sentence that tells the user where they are.
    func save(_ model: ConsoleModel, theme: Theme, catalog: ThemeCatalog, glyphs: Glyphs, width: Int, height: Int, now: Time) -> (text: String, isError: Bool) {
        let resolved = catalog.resolved(theme, for: .full256)
        let frame = ConsoleView.render(model, theme: resolved, glyphs: glyphs, width: width, height: height)
        let base = (directory as NSString).appendingPathComponent("corral-screen-\(Self.stamp(now))")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(ScreenSVG.render(frame, defaults: ScreenSVG.Defaults(theme: theme)).utf8).write(to: URL(fileURLWithPath: base + ".svg"), options: .atomic)
            try Data((frame.text + "\n").utf8).write(to: URL(fileURLWithPath: base + ".txt"), options: .atomic)
            return ("Saved the screen as \(base).svg and .txt", false)
        } catch {
            return ("Could not save the screen in \(directory): \(error.localizedDescription)", true)
        }
    }

    /// `20261206-143512.250`: sortable, and distinct for two saves in one second.
    static func stamp(_ now: Time) -> String {
        let milliseconds = Int64((now.seconds * 1000).rounded(.down))
        let date = Date(timeIntervalSince1970: Double(milliseconds / 1000))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(parts.year ?? 0)\(two(parts.month))\(two(parts.day))-\(two(parts.hour))\(two(parts.minute))\(two(parts.second))."
            + String(format: "%03d", Int(milliseconds % 1000))
    }
}
