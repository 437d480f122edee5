import Testing
@testable import CorralMesosJSON
@testable import CorralModel

/// The JSON layer itself: output form, lenient input, error paths.
@Suite struct MesosJSONCoreTests {
    @Test func outputIsCompactSingleLineWithFixedKeyOrder() {
        let id: TaskID = "t1"
        let status = TaskStatus(taskID: id, state: .running, message: "line one\nline two")
        #expect(
            MesosJSON.encodeString(status)
                == #"{"task_id":{"value":"t1"},"state":"TASK_RUNNING","message":"line one\nline two"}"#
        )
    }

    @Test func everyNonASCIICharacterIsEscaped() throws {
        let text = "café ☕ 🐄 \u{2028} \"q\" \\ \t \u{01}"
        let encoded = MesosJSON.encodeString(text)
        #expect(encoded == #""caf\u00e9 \u2615 \ud83d\udc04 \u2028 \"q\" \\ \t \u0001""#)
        #expect(encoded.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0A })
        #expect(try MesosJSON.decode(String.self, from: encoded) == text)
    }

    @Test func doublesPrintAsMesosDoesAndNonFiniteOnesAsStrings() {
        #expect(MesosJSON.encodeString(4.0) == "4.0")
        #expect(MesosJSON.encodeString(0.1) == "0.1")
        #expect(MesosJSON.encodeString(-2.5) == "-2.5")
        #expect(MesosJSON.encodeString(1_732_000_000.0) == "1732000000.0")
        #expect(MesosJSON.encodeString(1e300) == "1e+300")
        #expect(MesosJSON.encodeString(Double.infinity) == #""Infinity""#)
        #expect(MesosJSON.encodeString(-Double.infinity) == #""-Infinity""#)
        #expect(MesosJSON.encodeString(Double.nan) == #""NaN""#)
        #expect(MesosJSON.encodeString(Int64.min) == "-9223372036854775808")
        #expect(MesosJSON.encodeString(UInt64.max) == "18446744073709551615")
    }

    @Test func numbersAndBoolsSentAsStringsAreAccepted() throws {
        #expect(try MesosJSON.decode(Double.self, from: #""4.0""#) == 4)
        #expect(try MesosJSON.decode(Double.self, from: #""Infinity""#) == .infinity)
        #expect(try MesosJSON.decode(Double.self, from: #""-Infinity""#) == -.infinity)
        #expect(try MesosJSON.decode(Double.self, from: #""NaN""#).isNaN)
        #expect(try MesosJSON.decode(Int64.self, from: #""5050""#) == 5050)
        #expect(try MesosJSON.decode(Int64.self, from: "3e9") == 3_000_000_000)
        #expect(try MesosJSON.decode(UInt64.self, from: "18446744073709551615") == .max)
        #expect(try MesosJSON.decode(Bool.self, from: #""true""#))
        #expect(try !MesosJSON.decode(Bool.self, from: #""false""#))
        let filters = try MesosJSON.decode(Filters.self, from: #"{"refuse_seconds":"7.5"}"#)
        #expect(filters.refuseSeconds == 7.5)
    }

    @Test func wrongTypesAreErrorsThatShowTheValue() {
        #expect(decodingError(Double.self, #""x""#) == #"expected a number, got "x""#)
        #expect(decodingError(Double.self, #""0x1p3""#) == #"expected a number, got "0x1p3""#)
        #expect(decodingError(Int64.self, "1.5") == "expected an integer, got 1.5")
        #expect(decodingError(UInt64.self, "-1") == "expected a non-negative integer, got -1")
        #expect(decodingError(UInt32.self, "4294967296") == "4294967296 is out of range for UInt32")
        #expect(decodingError(Bool.self, #""yes""#) == #"expected a boolean, got "yes""#)
        #expect(decodingError(String.self, "{}") == "expected a string, got an object")
        #expect(decodingError(TaskID.self, "[]") == "expected an object, got an array")
    }

    @Test func errorsNameTheJSONPathOfTheField() {
        #expect(
            decodingError(Resources.self, #"[{"name":"cpus","type":"SCALAR","scalar":{"value":1}},{"name":"mem","type":"SCALAR","scalar":{"value":"x"}}]"#)
                == #"[1].scalar.value: expected a number, got "x""#
        )
        let accept = #"""
            {"type":"ACCEPT","framework_id":{"value":"f"},"accept":{"offer_ids":[{"value":"o"}],
             "operations":[{"type":"LAUNCH","launch":{"task_infos":[{"name":"t","agent_id":{"value":"a"}}]}}]}}
            """#
        #expect(
            decodingError(SchedulerCallMessage.self, accept)
                == "accept.operations[0].launch.task_infos[0].task_id: missing required field"
        )
        do {
            _ = try MesosJSON.decode(SchedulerCallMessage.self, from: accept)
            Issue.record("a task without task_id was accepted")
        } catch {
            #expect(error.path.first == .key("accept"))
            #expect(error.pathString == "accept.operations[0].launch.task_infos[0].task_id")
            #expect(error.problem == "missing required field")
        }
    }

    @Test func unknownFieldsAreIgnored() throws {
        let json = #"{"value":"t1","color":"blue","nested":{"deep":[1,2,{"x":null}]}}"#
        #expect(try MesosJSON.decode(TaskID.self, from: json) == "t1")
    }

    @Test func nullReadsAsAbsent() throws {
        let status = try MesosJSON.decode(TaskStatus.self, from: #"{"task_id":{"value":"t"},"state":"TASK_LOST","message":null}"#)
        #expect(status.message == nil)
        #expect(decodingError(TaskID.self, #"{"value":null}"#) == "value: missing required field")
    }

    @Test func syntaxErrorsSayWhere() {
        #expect(decodingError(TaskID.self, #"{"value":"a""#) == "invalid JSON at byte 12: expected ',' or '}' in an object")
        #expect(decodingError(TaskID.self, #"{"value":"a"} x"#) == "invalid JSON at byte 14: unexpected data after the JSON value")
        #expect(decodingError(TaskID.self, "") == "invalid JSON at byte 0: expected a value, got the end of the input")
        #expect(decodingError(Double.self, "01") == "invalid JSON at byte 1: unexpected data after the JSON value")
        #expect(decodingError(String.self, #""\x""#) == #"invalid JSON at byte 3: invalid escape '\x'"#)
        #expect(decodingError(String.self, #""\ud83d""#) == #"invalid JSON at byte 7: unpaired surrogate in a \u escape"#)
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(decodingError(MesosJSONValue.self, deep)?.contains("nested deeper than 128 levels") == true)
    }

    @Test func escapesAreDecoded() throws {
        let text = try MesosJSON.decode(String.self, from: #""a\"b\\c\/d\n\u00e9\ud83d\udc04""#)
        #expect(text == "a\"b\\c/d\né🐄")
    }

    @Test func parsedTreesWriteBackCompactly() throws {
        let json = #"{ "a" : [1, 2.50, true, null, "x"], "b": {} }"#
        #expect(MesosJSON.encodeString(try MesosJSON.parse(json)) == #"{"a":[1,2.50,true,null,"x"],"b":{}}"#)
    }

    @Test func base64RoundTripsAndAcceptsUnpaddedText() throws {
        for count in 0..<20 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
        #expect(Base64.encode(Array("Man".utf8)) == "TWFu")
        #expect(Base64.encode(Array("Ma".utf8)) == "TWE=")
        #expect(Base64.decode("TWE") == Array("Ma".utf8))
        #expect(Base64.decode("T") == nil)
        #expect(Base64.decode("TW=E") == nil)
        #expect(Base64.decode("T*Fu") == nil)
    }

    @Test func aFilesBytesGoAsTheyAreAndReadBackExactly() throws {
        // Every byte value, the ones that are not UTF-8 among them (0x80-0xFF alone).
        let bytes = (0...255).map(UInt8.init) + [0xC3, 0xA9, 0xFF]
        var writer = MesosJSONWriter()
        writer.writeObject { writer in
            writer.field("offset", 0)
            writer.key("data")
            writer.rawString(bytes)
        }
        #expect(!writer.bytes.contains(0x0A))
        #expect(writer.bytes.suffix(5) == [0xC3, 0xA9, 0xFF, UInt8(ascii: "\""), UInt8(ascii: "}")])
        let (document, kept) = try MesosJSON.parse(writer.bytes, keepingBytesOf: "data")
        #expect(kept == bytes)
        #expect(try document.object().required("offset", as: Int.self) == 0)
        // Only a member of the top-level object is kept, and only a string.
        #expect(try MesosJSON.parse(Array(#"{"a":{"data":"x"},"data":1}"#.utf8), keepingBytesOf: "data").1 == nil)
    }
}
