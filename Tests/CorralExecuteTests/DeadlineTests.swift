import CorralExecute
import Testing

/// `corral execute` bounds what it waits for on a master that may be gone.
@Suite(.timeLimit(.minutes(1))) struct DeadlineTests {
    @Test func anAnswerInTimeIsReturned() async throws {
        #expect(try await withDeadline(seconds: 10) { 42 } == 42)
    }

    @Test func noAnswerInTimeThrowsAndCancelsTheWork() async {
        let error = await #expect(throws: DeadlinePassed.self) {
            try await withDeadline(seconds: 0.05) { try await Task.sleep(for: .seconds(30)) }
        }
        #expect(error?.description == "no answer within 0.05 s")
    }

    @Test func theWorksOwnErrorComesThrough() async {
        struct Refused: Error, Equatable {}
        await #expect(throws: Refused()) { try await withDeadline(seconds: 10) { throw Refused() } }
    }
}
