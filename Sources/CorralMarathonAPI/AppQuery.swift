import CorralHTTPServer
import Foundation
import CorralServices
import Hummingbird

/// What an app's JSON carries besides its definition and version: Marathon's `embed` values.
enum AppEmbed: String, CaseIterable, Sendable {
    case tasks, counts, deployments, lastTaskFailure, taskStats, readiness

    /// What `GET /v2/apps` always carries, whatever `embed` says (as Marathon's listing).
    static let listing: Set<AppEmbed> = [.counts, .deployments]
    /// What `GET /v2/apps/{id}` carries: everything but the task statistics, unless asked.
    static let single: Set<AppEmbed> = [.tasks, .counts, .deployments, .lastTaskFailure, .readiness]

    /// `apps.tasks` as Marathon documents it, and `app.tasks` as older clients (the `marathon`
    /// Python client among them) still send it; `failures` is the old name of `lastTaskFailure`.
    init?(query value: String) {
        let name: Substring
        if value.hasPrefix("apps.") { name = value.dropFirst(5) } else if value.hasPrefix("app.") { name = value.dropFirst(4) } else { return nil }
        if name == "failures" { self = .lastTaskFailure; return }
        self.init(rawValue: String(name))
    }

    /// The embeds a request asks for, on top of `base`; an unknown value is a 400 naming it.
    static func requested(by request: Request, base: Set<AppEmbed>) throws(HTTPProblem) -> Set<AppEmbed> {
        var embeds = base
        for value in request.uri.queryParameters.getAll("embed") {
            guard let embed = AppEmbed(query: value) else {
                let known = allCases.map { "apps.\($0.rawValue)" }.joined(separator: ", ")
                throw HTTPProblem(.badRequest, "Unknown embed '\(value)' (embed); expected one of \(known)")
            }
            embeds.insert(embed)
        }
        return embeds
    }
}

/// Marathon's filters of `GET /v2/apps`: `id` and `cmd` keep the apps whose ID or command holds
/// the text (in any case), `label` those whose labels satisfy the selector.
struct AppFilter {
    var id: String?
    var cmd: String?
    var label: LabelSelector?

    init(_ request: Request) throws(HTTPProblem) {
        let query = request.uri.queryParameters
        id = query["id"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        cmd = query["cmd"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        if let text = query["label"].map(String.init), !text.isEmpty {
            do { label = try LabelSelector(parsing: text) } catch {
                throw HTTPProblem(.badRequest, "Invalid label selector '\(error.selector)' (label): '\(error.part)' is not key, key==value, key!=value, key in (…) or key notin (…)")
            }
        }
    }

    func admits(_ definition: AppDefinition) -> Bool {
        if let id, definition.id.range(of: id, options: .caseInsensitive) == nil { return false }
        if let cmd, (definition.cmd ?? "").range(of: cmd, options: .caseInsensitive) == nil { return false }
        if let label, !label.matches(definition.labels) { return false }
        return true
    }
}
