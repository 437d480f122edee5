import Testing

/// Every fuzzer, one family at a time: the crash note and the current input are shared.
@Suite(.serialized) enum FuzzTests {}
