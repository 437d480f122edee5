// The SDK's HTTP side (the scheduler transport, master addresses, TLS clients, RecordIO) is its
// own module, so that a framework links it without the master; everything here builds on it.
@_exported import CorralSDKHTTP
