import Testing

@testable import CorralHTTPServer

/// Content-Type and Accept items compare by media type alone, as RFC 9110 says.
@Suite struct MediaTypeTests {
    @Test(arguments: [
        ("application/json", "application/json"),
        (" Application/JSON ; charset=utf-8", "application/json"),
        ("\tapplication/json\t", "application/json"),
        ("text/plain;charset=UTF-8", "text/plain"),
        ("", ""),
        ("  ;q=1", ""),
        ("application/jsön", "application/jsön"),
    ])
    func theMediaTypeIsBeforeTheParametersTrimmedAndLowercased(item: String, expected: String) {
        #expect(mediaType(of: item[...]) == expected)
    }
}
