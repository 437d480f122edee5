import Hummingbird

extension Request {
    /// The query's parameters by name; of a name given twice, the last value counts (as Mesos's
    /// endpoints read them).
    package var queryDictionary: [String: String] {
        Dictionary(uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
    }
}
