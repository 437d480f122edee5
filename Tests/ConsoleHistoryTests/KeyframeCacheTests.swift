import CorralModel
import Testing

@testable import ConsoleHistory

@Suite struct KeyframeCacheTests {
    func keyframe(at seconds: Double) -> KeyframeCache.Keyframe {
        let time = Time(seconds: seconds)
        return (ClusterSnapshot(time: time, startedAt: time, masterInfo: MasterInfo(id: "test", hostname: "localhost", version: "1.11.0")), [], HistoryRecord.Context())
    }

    @Test func theLeastRecentlyUsedKeyframeGoesFirst() {
        var cache = KeyframeCache(capacity: 2)
        cache.keep(keyframe(at: 1), at: 10)
        cache.keep(keyframe(at: 2), at: 20)
        #expect(cache.keyframe(at: 10)?.snapshot.time == Time(seconds: 1))  // now the most recent
        cache.keep(keyframe(at: 3), at: 30)
        #expect(cache.keyframe(at: 20) == nil)
        #expect(cache.keyframe(at: 10)?.snapshot.time == Time(seconds: 1))
        #expect(cache.keyframe(at: 30)?.snapshot.time == Time(seconds: 3))
    }

    @Test func aCacheOfNoneKeepsNothing() {
        var cache = KeyframeCache(capacity: 0)
        cache.keep(keyframe(at: 1), at: 10)
        #expect(cache.keyframe(at: 10) == nil)
    }
}
