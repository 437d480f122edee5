// The agent's only C: starting a task's process so that it is already inside its cgroups, in its
// own session, in its sandbox, before the user's command runs (corral-supervisor does the same
// with `corral_become_task`); and the pidfd/epoll calls that let the agent reap exactly its own
// children.
#ifndef CORRAL_CLAUNCHER_H
#define CORRAL_CLAUNCHER_H

#include <sys/types.h>

/// The step of a launch that failed, so the caller can say "chdir /x: No such file or directory"
/// rather than report a bare exit status 127.
typedef enum {
    CORRAL_STEP_NONE = 0,
    // In the parent, before or right after the child exists.
    CORRAL_STEP_PIPE,
    CORRAL_STEP_STACK,
    CORRAL_STEP_CLONE,
    CORRAL_STEP_PIDFD,
    // In the child, between clone and exec.
    CORRAL_STEP_SETSID,
    CORRAL_STEP_CGROUP,
    CORRAL_STEP_CHDIR,
    CORRAL_STEP_STDIN,
    CORRAL_STEP_STDOUT,
    CORRAL_STEP_STDERR,
    CORRAL_STEP_CLOSE_FDS,
    CORRAL_STEP_EXEC,
    CORRAL_STEP_GROUPS,
    CORRAL_STEP_GID,
    CORRAL_STEP_UID,
} corral_launch_step;

/// `uid` of a spec that keeps the launching process's user.
#define CORRAL_KEEP_USER 0xFFFFFFFFu

/// Everything the child needs, prepared by the parent: the child allocates nothing.
typedef struct {
    const char *executable;          // absolute path given to execve
    char *const *argv;               // NULL-terminated
    char *const *envp;               // NULL-terminated: the child's complete environment
    const char *directory;           // the sandbox to chdir into
    const char *stdout_path;         // opened O_APPEND|O_CREAT
    const char *stderr_path;
    const char *const *cgroup_join_files; // cgroup.procs (or v1 tasks) files the child writes "0" to
    int cgroup_count;
    unsigned int uid;                // CORRAL_KEEP_USER, or the user the child becomes before chdir
    unsigned int gid;
    const gid_t *groups;             // supplementary groups
    int group_count;
} corral_launch_spec;

typedef struct {
    pid_t pid;    // the child, alive, when the launch succeeded
    int pidfd;    // O_CLOEXEC pidfd of the child; the caller owns it
    int step;     // a corral_launch_step when the launch failed
    int index;    // for CORRAL_STEP_CGROUP: which of cgroup_join_files
    int error;    // errno of the failed step
} corral_launch_result;

/// Starts the child described by `spec`. Returns 0 and fills pid and pidfd, or returns -1 and
/// fills step/index/error; a child that failed before exec has already been reaped.
int corral_launch(const corral_launch_spec *spec, corral_launch_result *result);

/// Turns the calling process, a child between fork (or vfork, or clone) and exec, into the task
/// `spec` describes: its session, cgroups, user, sandbox, standard files and signals, then exec.
/// It only makes system calls on memory the caller prepared, so it is safe in a vfork child.
/// Resets `reset_signals` to their default action, or every signal when that is NULL (a caller
/// whose handlers are all default but a few names those few). Returns only when a step failed:
/// that step, with errno set and `*failed_index` naming the cgroup file for CORRAL_STEP_CGROUP.
int corral_become_task(const corral_launch_spec *spec, const int *reset_signals, int reset_count, int *failed_index);

/// pidfd_open(2), through syscall(2) so it does not depend on the libc version.
int corral_pidfd_open(pid_t pid);

/// rename(2) that fails with EEXIST rather than replace `to` (renameat2 RENAME_NOREPLACE, through
/// syscall(2) as glibc's wrapper is not visible to Swift).
int corral_rename_noreplace(const char *from, const char *to);

/// Reaps the exited child behind `pidfd` without blocking (waitid P_PIDFD, WNOHANG).
/// Returns 1 with *signaled and *code set when it was reaped, 0 when it has not exited yet,
/// -1 with errno on error (ECHILD: not our child, or someone else reaped it).
int corral_pidfd_reap(int pidfd, int *signaled, int *code);

/// 0 when `pidfd` is a child of this process (exited or not; nothing is reaped), else -1 with
/// errno (ECHILD): a waiter for a non-child would otherwise wait forever.
int corral_pidfd_check_child(int pidfd);

/// epoll, with the packed epoll_event kept on the C side.
int corral_epoll_create(void);
int corral_epoll_add(int epfd, int fd);
int corral_epoll_remove(int epfd, int fd);
/// Watches `fd` edge-triggered for reading and writing: a connecting socket is reported once
/// when connected (or failed), then once for each arrival of data, which must be read to EAGAIN.
int corral_epoll_add_edge(int epfd, int fd);
/// Waits for readiness and writes up to `capacity` (at most 64) ready fds; EINTR returns 0.
int corral_epoll_wait(int epfd, int *fds, int capacity, int timeout_ms);

#endif
