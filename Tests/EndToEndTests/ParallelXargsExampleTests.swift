import Testing

@Suite(.timeLimit(.minutes(2))) struct ParallelXargsExampleTests {
    @Test func eachLineRunsAsATaskAndResultsComeInInputOrder() throws {
        let input = "sleep 0.3; echo first\necho second\nexit 3\necho $MESOS_TASK_ID\n"
        let outcome = try BuiltProgram(name: "corral-xargs").run(["--agents", "2"], input: input)
        #expect(outcome.status == 1)  // one line failed
        #expect(outcome.stdout == """
            [1] ok: sleep 0.3; echo first
            first
            [2] ok: echo second
            second
            [3] failed: exit 3
                Command exited with status 3
            [4] ok: echo $MESOS_TASK_ID
            line-3

            """)
    }
}
