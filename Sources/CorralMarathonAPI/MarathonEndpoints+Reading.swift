import CorralHTTPServer
import CorralMesosJSON
import CorralModel
import CorralServices
import Foundation
import Hummingbird

/// Reading Marathon's requests: app definitions, app IDs from paths, Python's query booleans.
extension MarathonEndpoints {
    /// Decodes an app from JSON, over `existing` when given (a PUT changes only the keys it
    /// sends: `{"instances": 3}` scales). Types that do not fit are a 422 naming the field.
    func decodeApp(_ body: [UInt8], merging existing: AppDefinition?) throws(HTTPProblem) -> AppDefinition {
        // Foundation refuses a whole document over one number beyond a Double (1e400) without
        // saying where: find it first, and name it as Marathon names fields.
        if let document = try? MesosJSON.parse(body), let (path, number) = Self.numberBeyondDouble(in: document) {
            throw marathonProblem(.unprocessableContent, "Object is not valid", details: [ValidationIssue(path: path, errors: ["\(number) is not a number this API can hold"])])
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            throw marathonProblem(.badRequest, "Invalid JSON: expected an app object like {\"id\": \"/web\", \"cmd\": \"...\"}")
        }
        var merged = object
        if let existing, let data = try? JSONEncoder().encode(existing), let base = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] {
            merged = base.merging(object) { _, new in new }
        }
        if merged["id"] == nil, existing == nil { merged["id"] = "" }
        do {
            let data = try JSONSerialization.data(withJSONObject: merged)
            return try JSONDecoder().decode(AppDefinition.self, from: data)
        } catch let error as DecodingError {
            let (path, message) = error.marathonDetail
            throw marathonProblem(.unprocessableContent, "Object is not valid", details: [ValidationIssue(path: path, errors: [message])])
        } catch {
            throw marathonProblem(.badRequest, "Invalid JSON: \(error)")
        }
    }

    /// The first number in `value` that no Double holds, with its path (`/healthChecks(0)/port`).
    static func numberBeyondDouble(in value: MesosJSONValue, at path: String = "") -> (String, String)? {
        switch value {
        case .number(let text):
            return (Double(text)?.isFinite ?? false) ? nil : (path.isEmpty ? "/" : path, text)
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = numberBeyondDouble(in: item, at: path + "(\(index))") { return found }
            }
            return nil
        case .object(let object):
            for member in object.members {
                if let found = numberBeyondDouble(in: member.value, at: path + "/" + member.key) { return found }
            }
            return nil
        case .null, .bool, .string:
            return nil
        }
    }

    func appID(_ segments: [String]) throws(HTTPProblem) -> AppID {
        do { return try AppID(parsing: segments.joined(separator: "/")) } catch {
            throw marathonProblem(.unprocessableContent, "Object is not valid", details: [ValidationIssue(path: "/id", errors: [error.problem])])
        }
    }

    /// Query booleans as Python sends them (`force=False`): any case.
    func flag(_ request: Request, _ name: String) -> Bool {
        request.uri.queryParameters[Substring(name)].map { $0.lowercased() == "true" || $0 == "1" } ?? false
    }
}
