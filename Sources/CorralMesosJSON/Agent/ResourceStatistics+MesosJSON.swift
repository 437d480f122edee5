import CorralModel

/// `ResourceStatistics` in mesos.proto's order: `{"timestamp","processes","cpus_user_time_secs",
/// "cpus_system_time_secs","cpus_limit","cpus_nr_periods","cpus_nr_throttled",
/// "cpus_throttled_time_secs","mem_total_bytes","mem_limit_bytes","mem_cache_bytes",
/// "mem_rss_bytes","mem_mapped_file_bytes","mem_swap_bytes"}`; what was not measured is left out.
extension ResourceStatistics: MesosJSONEncodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("timestamp", timestamp)
            writer.field("processes", ifPresent: processes)
            writer.field("cpus_user_time_secs", cpusUserTimeSecs)
            writer.field("cpus_system_time_secs", cpusSystemTimeSecs)
            writer.field("cpus_limit", ifPresent: cpusLimit)
            writer.field("cpus_nr_periods", ifPresent: cpusNrPeriods)
            writer.field("cpus_nr_throttled", ifPresent: cpusNrThrottled)
            writer.field("cpus_throttled_time_secs", ifPresent: cpusThrottledTimeSecs)
            writer.field("mem_total_bytes", ifPresent: memTotalBytes)
            writer.field("mem_limit_bytes", ifPresent: memLimitBytes)
            writer.field("mem_cache_bytes", ifPresent: memCacheBytes)
            writer.field("mem_rss_bytes", ifPresent: memRssBytes)
            writer.field("mem_mapped_file_bytes", ifPresent: memMappedFileBytes)
            writer.field("mem_swap_bytes", ifPresent: memSwapBytes)
        }
    }
}
