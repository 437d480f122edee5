import CorralAgentHTTP
import CorralHTTPTesting
import CorralMesosJSON
import CorralModel
import Foundation
import Testing

/// Mesos's files API over a sandbox on disk: browse, read and download, by the virtual path and
/// by the sandbox's own directory; and nothing outside the sandbox, whatever the task put in it.
@Suite(.timeLimit(.minutes(1))) struct AgentFilesTests {
    /// A sandbox of task t1 holding `stdout` ("hello world\n"), an empty `stderr`, `logs/app.log`,
    /// a link to /etc/passwd and a FIFO; `body` gets a client of an agent serving it.
    func withSandbox(_ body: @Sendable (RawHTTP, Sandbox) async throws -> Void) async throws {
        let work = AgentServerHarness.scratchDirectory("files")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let sandbox = Sandbox(workDirectory: work, agentID: "S1", frameworkID: "F1", taskID: "t1")
        try FileManager.default.createDirectory(atPath: sandbox.directory + "/logs", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: sandbox.stdoutPath, contents: Data("hello world\n".utf8), attributes: [.posixPermissions: 0o644])
        _ = FileManager.default.createFile(atPath: sandbox.stderrPath, contents: Data())
        _ = FileManager.default.createFile(atPath: sandbox.directory + "/logs/app.log", contents: Data("line\n".utf8))
        try FileManager.default.createSymbolicLink(atPath: sandbox.directory + "/passwd", withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: sandbox.directory + "/etc", withDestinationPath: "/etc")
        #expect(mkfifo(sandbox.directory + "/pipe", 0o644) == 0)
        let server = AgentHTTPServer(ip: "127.0.0.1", port: 0, workDirectory: work, agentID: { "S1" }, logger: AgentServerHarness.quiet)
        try await AgentServerHarness.run(server) { raw, _ in try await body(raw, sandbox) }
    }

    /// `/files/read`'s answer for `data` read from `offset`.
    func readAnswer(_ data: String, _ offset: Int) -> String {
        "{\"data\":\"\(data.replacingOccurrences(of: "\n", with: "\\n"))\",\"offset\":\(offset)}"
    }

    /// The answer's body.
    func body(_ raw: RawHTTP, _ method: String, _ path: String) async throws -> String {
        try await raw.send(method, path).body
    }

    @Test func browseListsTheSandboxAsMesosDoes() async throws {
        try await withSandbox { raw, _ in
            let answer = try await raw.send("GET", "/files/browse?path=/frameworks/F1/tasks/t1")
            #expect(answer.status == 200)
            let entries = try #require(try answer.json() as? [[String: Any]])
            #expect(entries.compactMap { $0["path"] as? String } == [
                "/frameworks/F1/tasks/t1/etc", "/frameworks/F1/tasks/t1/logs", "/frameworks/F1/tasks/t1/passwd",
                "/frameworks/F1/tasks/t1/pipe", "/frameworks/F1/tasks/t1/stderr", "/frameworks/F1/tasks/t1/stdout",
            ])
            let stdout = try #require(entries.last)
            #expect(stdout["mode"] as? String == "-rw-r--r--")
            #expect(stdout["size"] as? Int == 12)
            #expect(stdout["nlink"] as? Int == 1)
            #expect((stdout["mtime"] as? Double ?? 0) > 1_600_000_000)
            #expect(stdout["uid"] as? String == SystemUser.name(of: geteuid()))
            #expect(stdout["gid"] is String)
            // Links are shown as links, never followed.
            #expect((entries[2]["mode"] as? String)?.hasPrefix("l") == true)
            #expect((entries[1]["mode"] as? String)?.hasPrefix("d") == true)
            #expect((entries[3]["mode"] as? String)?.hasPrefix("p") == true)
            #expect(try await raw.send("GET", "/files/browse.json?path=/frameworks/F1/tasks/t1/logs").body.contains("app.log"))
        }
    }

    @Test func theSandboxDirectoryIsAPathToo() async throws {
        try await withSandbox { raw, sandbox in
            let listing = try await raw.send("GET", "/files/browse?path=\(sandbox.directory)")
            #expect(listing.status == 200)
            #expect(listing.body.contains("\"path\":\"\(sandbox.directory)/stdout\""))
            let read = try await raw.send("GET", "/files/read?path=\(sandbox.stdoutPath)&offset=0")
            #expect(read.body == readAnswer("hello world\n", 0))
        }
    }

    @Test func readTakesMesossOffsetsAndLengths() async throws {
        try await withSandbox { raw, _ in
            let file = "/files/read?path=/frameworks/F1/tasks/t1/stdout"
            let answer1 = try await body(raw, "GET", file + "&offset=-1")
            #expect(answer1 == readAnswer("", 12))
            let answer2 = try await body(raw, "GET", file)
            #expect(answer2 == readAnswer("", 12))
            let answer3 = try await body(raw, "GET", file + "&offset=0&length=-1")
            #expect(answer3 == readAnswer("hello world\n", 0))
            let answer4 = try await body(raw, "GET", file + "&offset=6&length=5")
            #expect(answer4 == readAnswer("world", 6))
            let answer5 = try await body(raw, "GET", file + "&offset=6")
            #expect(answer5 == readAnswer("world\n", 6))
            let answer6 = try await body(raw, "GET", file + "&offset=0&length=0")
            #expect(answer6 == readAnswer("", 0))
            let answer7 = try await body(raw, "GET", file + "&offset=40")
            #expect(answer7 == readAnswer("", 40))
            let answer8 = try await body(raw, "GET", "/files/read.json?path=/frameworks/F1/tasks/t1/logs/app.log&offset=0")
            #expect(answer8 == readAnswer("line\n", 0))
        }
    }

    @Test func readSendsTheFilesBytesAsTheyAreAsMesosDoes() async throws {
        try await withSandbox { raw, sandbox in
            let bytes: [UInt8] = [0x61, 0xFF, 0xFE, 0x22, 0x5C, 0x0A, 0xC3, 0xA9, 0x7F]
            _ = FileManager.default.createFile(atPath: sandbox.directory + "/binary", contents: Data(bytes))
            let answer = try await raw.send("GET", "/files/read?path=/frameworks/F1/tasks/t1/binary&offset=0")
            // Quote, backslash and control characters escaped; 0xFF 0xFE and é as they are.
            let expected = Array(#"{"data":"a"#.utf8) + [0xFF, 0xFE] + Array(#"\"\\\n"#.utf8) + [0xC3, 0xA9] + Array(#"\u007f","offset":0}"#.utf8)
            #expect(answer.bytes == expected)
            #expect(try MesosJSON.parse(answer.bytes, keepingBytesOf: "data").1 == bytes)
        }
    }

    @Test func badRequestsSayWhatWasWrong() async throws {
        try await withSandbox { raw, _ in
            let file = "/files/read?path=/frameworks/F1/tasks/t1/stdout"
            let offset = try await raw.send("GET", file + "&offset=abc")
            #expect(offset.status == 400)
            #expect(offset.body.contains("'offset'") && offset.body.contains("'abc'"))
            let length = try await raw.send("GET", file + "&offset=0&length=-2")
            #expect(length.status == 400)
            #expect(length.body.contains("'length'") && length.body.contains("'-2'"))
            #expect(try await raw.send("GET", "/files/read?path=/frameworks/F1/tasks/t1&offset=0").status == 400)
            #expect(try await raw.send("GET", "/files/read?path=/frameworks/F1/tasks/t1/nothing&offset=0").status == 404)
            #expect(try await raw.send("GET", "/files/read?path=/frameworks/F1/tasks/t2/stdout&offset=0").status == 404)
            #expect(try await raw.send("GET", "/files/read?offset=0").status == 400)
            #expect(try await raw.send("POST", file).status == 405)
            #expect(try await raw.send("GET", "/files/read?path=/frameworks/F1/tasks/t1/../../../../../../etc/passwd&offset=0").status == 400)
            // `..%00` is `..` to the system, which reads names up to a NUL.
            #expect(try await raw.send("GET", "/files/browse?path=/frameworks/..%00/tasks/t1").status == 400)
            #expect(try await raw.send("GET", "/files/browse?path=/frameworks/F1/tasks/t1/..%00").status == 400)
        }
    }

    @Test func nothingOutsideTheSandboxIsServedThroughWhatTheTaskPutThere() async throws {
        try await withSandbox { raw, _ in
            for path in ["passwd", "etc/passwd", "pipe"] {
                let read = try await raw.send("GET", "/files/read?path=/frameworks/F1/tasks/t1/\(path)&offset=0")
                #expect(read.status == 403, "\(path)")
                #expect(!read.body.contains("root:"), "\(path)")
                #expect(try await raw.send("GET", "/files/download?path=/frameworks/F1/tasks/t1/\(path)").status == 403, "\(path)")
            }
            #expect(try await raw.send("GET", "/files/browse?path=/frameworks/F1/tasks/t1/etc").status == 403)
        }
    }

    @Test func downloadSendsTheBytesAsAnAttachment() async throws {
        try await withSandbox { raw, _ in
            let answer = try await raw.send("GET", "/files/download?path=/frameworks/F1/tasks/t1/stdout")
            #expect(answer.status == 200)
            #expect(answer.body == "hello world\n")
            #expect(answer.header("Content-Type") == "application/octet-stream")
            #expect(answer.header("Content-Disposition") == "attachment; filename=\"stdout\"")
            #expect(try await body(raw, "GET", "/files/download.json?path=/frameworks/F1/tasks/t1/stderr") == "")
            #expect(try await raw.send("GET", "/files/download?path=/frameworks/F1/tasks/t1/logs").status == 400)
            #expect(try await raw.send("GET", "/files/download?path=/frameworks/F1/tasks/t1/gone").status == 404)
        }
    }

    /// A download has its length, so a client that closes its sending side once it has asked
    /// (as `nc -N` does) still gets the whole file: an answer without one is taken for an event
    /// stream and ended after its head.
    @Test func aDownloadHasItsLengthAndReachesAClientThatClosedItsSendingSide() async throws {
        try await withSandbox { raw, sandbox in
            let content = String(repeating: "0123456789abcdef", count: 20_000) + "the end\n"
            _ = FileManager.default.createFile(atPath: sandbox.directory + "/logs/big.log", contents: Data(content.utf8))
            let socket = try PlainSocket(port: raw.master.port)
            try socket.send(Array("GET /files/download?path=/frameworks/F1/tasks/t1/logs/big.log HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            socket.shutdownWrite()
            #expect(try await socket.receive(until: "the end\n", timeout: 10), "received \(socket.received.count) bytes")
            let received = String(decoding: socket.received, as: UTF8.self)
            #expect(received.contains("Content-Length: \(content.utf8.count)\r\n"))
            #expect(received.hasSuffix("\r\n\r\n" + content))
        }
    }

    /// A download announces the size its file had when it was asked for. A file cut shorter
    /// while it is sent cannot keep that promise: the connection ends short of it, so the client
    /// knows it did not get the file, and the agent serves on.
    @Test func aFileCutShorterWhileItIsDownloadedEndsTheConnectionShortOfItsLength() async throws {
        try await withSandbox { raw, sandbox in
            let path = sandbox.directory + "/logs/growing.log"
            // Far more than loopback's socket buffers hold: the agent is still sending it when the
            // file is cut, waiting for a client that does not read yet.
            let size = 64 << 20
            _ = FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x61, count: size))
            let socket = try PlainSocket(port: raw.master.port)
            try socket.send(Array("GET /files/download?path=/frameworks/F1/tasks/t1/logs/growing.log HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            #expect(try await socket.receive(until: "\r\n\r\n", timeout: 10))
            #expect(String(decoding: socket.received.prefix(1024), as: UTF8.self).contains("Content-Length: \(size)\r\n"))
            #expect(truncate(path, 1 << 20) == 0)
            #expect(try await socket.receiveUntilClosed(timeout: 30), "the connection stayed open after \(socket.received.count) bytes")
            #expect(socket.received.count < size, "received \(socket.received.count) bytes")
            // The agent goes on serving.
            #expect(try await raw.send("GET", "/files/download?path=/frameworks/F1/tasks/t1/stdout").body == "hello world\n")
        }
    }
}

