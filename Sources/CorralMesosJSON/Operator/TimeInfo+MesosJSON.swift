import CorralModel

/// Mesos's `TimeInfo`: `{"nanoseconds": N}`, an int64 count since the epoch. Registration
/// times travel this way in the operator API, while statuses and `start_time` use seconds as
/// doubles.
extension MesosJSONWriter {
    mutating func field(_ key: StaticString, timeInfo time: Time) {
        field(key) { $0.field("nanoseconds", Self.nanoseconds(time)) }
    }

    /// Saturates instead of trapping: a corrupt timestamp must not bring a master down.
    static func nanoseconds(_ time: Time) -> Int64 {
        let nanoseconds = (time.seconds * 1e9).rounded()
        guard nanoseconds.isFinite else { return nanoseconds > 0 ? .max : 0 }
        return nanoseconds >= 0x1p63 ? .max : nanoseconds <= -0x1p63 ? .min : Int64(nanoseconds)
    }
}

extension MesosJSONObject {
    /// A `TimeInfo` field as a `Time`; nil when absent.
    func timeInfo(_ key: String) throws(MesosJSONError) -> Time? {
        try nested(key) { time throws(MesosJSONError) in
            Time(seconds: Double(try time.required("nanoseconds", as: Int64.self)) / 1e9)
        }
    }
}
