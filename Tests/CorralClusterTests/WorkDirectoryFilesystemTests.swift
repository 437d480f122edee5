import Testing

@testable import CorralCluster

/// A benchmark names the filesystem its work directory is on: the mount that holds the path
/// (the longest mount point above it, the last of those stacked on one point) and, for ext4,
/// whether it keeps a journal.
@Suite struct WorkDirectoryFilesystemTests {
    static let table = """
        /dev/vda / ext4 rw,relatime 0 0
        proc /proc proc rw 0 0
        tmpfs /tmp/fast tmpfs rw 0 0
        /dev/loop0 /mnt/with\\040space ext4 rw 0 0
        tmpfs /mnt/stack tmpfs rw 0 0
        /dev/loop1 /mnt/stack ext4 rw 0 0
        """

    @Test func theMountIsTheLongestMountPointAboveThePath() {
        #expect(WorkDirectoryFilesystem.mount(containing: "/tmp/corral-bench", in: Self.table)?.mountPoint == "/")
        #expect(WorkDirectoryFilesystem.mount(containing: "/tmp/fast/run", in: Self.table)?.type == "tmpfs")
        #expect(WorkDirectoryFilesystem.mount(containing: "/tmp/fast", in: Self.table)?.type == "tmpfs")
        // A sibling whose name starts with the mount point's is not inside it.
        #expect(WorkDirectoryFilesystem.mount(containing: "/tmp/faster", in: Self.table)?.mountPoint == "/")
        #expect(WorkDirectoryFilesystem.mount(containing: "/mnt/with space/x", in: Self.table)?.device == "/dev/loop0")
        #expect(WorkDirectoryFilesystem.mount(containing: "/mnt/stack/x", in: Self.table)?.device == "/dev/loop1")
        #expect(WorkDirectoryFilesystem.mount(containing: "/x", in: "") == nil)
    }

    @Test func ext4SaysWhetherItKeepsAJournal() {
        #expect(WorkDirectoryFilesystem.journaled(journalTask: "<none>\n") == false)
        #expect(WorkDirectoryFilesystem.journaled(journalTask: "1234\n") == true)
        #expect(WorkDirectoryFilesystem.journaled(journalTask: "") == nil)
        var filesystem = WorkDirectoryFilesystem(device: "/dev/vda", mountPoint: "/", type: "ext4")
        #expect(filesystem.description == "ext4, mounted at /")
        filesystem.journaled = false
        #expect(filesystem.description == "ext4 without a journal, mounted at /")
    }

    /// A relative work directory not made yet is on the current directory's filesystem, not
    /// on the root's.
    @Test func theParentOfARelativePathEndsAtTheCurrentDirectory() {
        #expect(WorkDirectoryFilesystem.parent(of: "/tmp/run") == "/tmp")
        #expect(WorkDirectoryFilesystem.parent(of: "/tmp") == "/")
        #expect(WorkDirectoryFilesystem.parent(of: "bench/run") == "bench")
        #expect(WorkDirectoryFilesystem.parent(of: "bench") == ".")
    }

    /// On this host: a path not made yet is named by its nearest existing parent's mount.
    @Test func aPathThatDoesNotExistYetIsOnItsParentsFilesystem() throws {
        let parent = try #require(WorkDirectoryFilesystem.of("/proc"))
        #expect(parent.type == "proc")
        #expect(WorkDirectoryFilesystem.of("/proc/corral-no-such-directory/run-1") == parent)
        #expect(WorkDirectoryFilesystem.of("/") != parent)
    }
}
