#define _GNU_SOURCE
#include "CLauncher.h"

#include <errno.h>
#include <grp.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef P_PIDFD
#define P_PIDFD 3
#endif
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

// The child shares the parent's memory (CLONE_VM, as posix_spawn does, so nothing is copied and
// launching costs the same whatever the agent's size) and the parent thread is suspended until
// exec or _exit (CLONE_VFORK). The child therefore only makes system calls on its own stack and
// reads what the parent prepared; it never allocates, locks, or returns.
enum { CHILD_STACK_SIZE = 64 * 1024 };

struct failure_report {
    int step;
    int index;
    int error;
};

struct child_context {
    const corral_launch_spec *spec;
    int report_fd;
};

__attribute__((noreturn)) static void fail(int report_fd, int step, int index) {
    struct failure_report report = {step, index, errno};
    ssize_t ignored = write(report_fd, &report, sizeof report);
    (void)ignored;
    _exit(127);
}

// Moves `fd` onto `target` without O_CLOEXEC, so it survives exec.
static int install_fd(int fd, int target) {
    if (fd == target) return fcntl(fd, F_SETFD, 0);
    if (dup2(fd, target) < 0) return -1;
    close(fd);
    return 0;
}

static int open_output(const char *path, int target) {
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) return -1;
    return install_fd(fd, target);
}

// "0" is the writer itself: into v1's `tasks`, only this thread (the whole child), without the
// lock that moving a whole process takes (it waits for an RCU grace period).
static int join_cgroup(const char *path) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t written = write(fd, "0", 1);
    int saved = errno;
    close(fd);
    errno = saved;
    return written == 1 ? 0 : -1;
}

int corral_become_task(const corral_launch_spec *spec, const int *reset_signals, int reset_count, int *failed_index) {
#define FAIL(step, index) do { *failed_index = (index); return (step); } while (0)
    // Own session and process group: the whole tree can be signalled with killpg.
    if (setsid() < 0) FAIL(CORRAL_STEP_SETSID, 0);

    // Into the cgroups before the user's command runs, so every byte and cycle is accounted.
    for (int i = 0; i < spec->cgroup_count; i++) {
        if (join_cgroup(spec->cgroup_join_files[i]) < 0) FAIL(CORRAL_STEP_CGROUP, i);
    }

    // The task's user from here on: groups first, then the group, then the user, as only root
    // may change the others. The cgroups were joined as root; the sandbox and its output files
    // are the user's.
    if (spec->uid != CORRAL_KEEP_USER) {
        if (setgroups((size_t)spec->group_count, spec->groups) < 0) FAIL(CORRAL_STEP_GROUPS, 0);
        if (setgid((gid_t)spec->gid) < 0) FAIL(CORRAL_STEP_GID, 0);
        if (setuid((uid_t)spec->uid) < 0) FAIL(CORRAL_STEP_UID, 0);
    }

    if (chdir(spec->directory) < 0) FAIL(CORRAL_STEP_CHDIR, 0);

    int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null_fd < 0 || install_fd(null_fd, STDIN_FILENO) < 0) FAIL(CORRAL_STEP_STDIN, 0);
    if (open_output(spec->stdout_path, STDOUT_FILENO) < 0) FAIL(CORRAL_STEP_STDOUT, 0);
    if (open_output(spec->stderr_path, STDERR_FILENO) < 0) FAIL(CORRAL_STEP_STDERR, 0);

    // Whatever the launcher had open (sockets, other tasks' pidfds) must not leak into the task.
    // Marking instead of closing keeps a report pipe usable until exec.
    if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) < 0) {
        if (errno != ENOSYS && errno != EINVAL) FAIL(CORRAL_STEP_CLOSE_FDS, 0);
        long max_fd = sysconf(_SC_OPEN_MAX);
        for (long fd = 3; fd < max_fd && fd < 65536; fd++) fcntl((int)fd, F_SETFD, FD_CLOEXEC);
    }

    // The launcher's handlers and ignored signals (SIGPIPE, typically) are not the task's
    // (exec resets handlers, not ignores). Signals are still blocked here, so none of the
    // launcher's handlers can run on this stack.
    struct sigaction default_action;
    memset(&default_action, 0, sizeof default_action);
    default_action.sa_handler = SIG_DFL;
    if (reset_signals) {
        for (int i = 0; i < reset_count; i++) sigaction(reset_signals[i], &default_action, NULL);
    } else {
        for (int signal_number = 1; signal_number < NSIG; signal_number++) {
            if (signal_number == SIGKILL || signal_number == SIGSTOP) continue;
            sigaction(signal_number, &default_action, NULL); // fails harmlessly for libc-reserved ones
        }
    }
    sigset_t empty;
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);

    execve(spec->executable, spec->argv, spec->envp);
    FAIL(CORRAL_STEP_EXEC, 0);
#undef FAIL
}

static int child_main(void *argument) {
    const struct child_context *context = argument;
    int index = 0;
    int step = corral_become_task(context->spec, NULL, 0, &index);
    fail(context->report_fd, step, index);
}

static int parent_failure(corral_launch_result *result, int step) {
    result->step = step;
    result->error = errno;
    return -1;
}

int corral_launch(const corral_launch_spec *spec, corral_launch_result *result) {
    memset(result, 0, sizeof *result);
    result->pid = -1;
    result->pidfd = -1;

    // Non-blocking read end: with CLONE_VFORK the child has exec'd or written its report by the
    // time clone returns, so an empty pipe means success even if another thread's fork still
    // holds a copy of the write end.
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) < 0) return parent_failure(result, CORRAL_STEP_PIPE);

    void *stack = mmap(NULL, CHILD_STACK_SIZE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) {
        int saved = errno;
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        errno = saved;
        return parent_failure(result, CORRAL_STEP_STACK);
    }

    struct child_context context = {spec, pipe_fds[1]};
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pid_t pid = clone(child_main, (char *)stack + CHILD_STACK_SIZE, CLONE_VM | CLONE_VFORK | SIGCHLD, &context);
    int clone_errno = errno;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);

    munmap(stack, CHILD_STACK_SIZE);
    close(pipe_fds[1]);
    if (pid < 0) {
        close(pipe_fds[0]);
        errno = clone_errno;
        return parent_failure(result, CORRAL_STEP_CLONE);
    }

    struct failure_report report;
    ssize_t got = read(pipe_fds[0], &report, sizeof report);
    close(pipe_fds[0]);
    if (got == (ssize_t)sizeof report) {
        waitpid(pid, NULL, 0); // it has already _exit'ed: leave no zombie behind
        result->step = report.step;
        result->index = report.index;
        result->error = report.error;
        return -1;
    }

    // The child is ours and unreaped, so its pid cannot have been reused yet.
    int pidfd = corral_pidfd_open(pid);
    if (pidfd < 0) {
        int saved = errno;
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        errno = saved;
        return parent_failure(result, CORRAL_STEP_PIDFD);
    }
    result->pid = pid;
    result->pidfd = pidfd;
    return 0;
}

int corral_pidfd_open(pid_t pid) {
    return (int)syscall(SYS_pidfd_open, pid, 0);
}

int corral_rename_noreplace(const char *from, const char *to) {
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 1 /* RENAME_NOREPLACE */);
}

int corral_pidfd_reap(int pidfd, int *signaled, int *code) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    int status;
    do {
        status = waitid((idtype_t)P_PIDFD, (id_t)pidfd, &info, WEXITED | WNOHANG);
    } while (status < 0 && errno == EINTR);
    if (status < 0) return -1;
    if (info.si_pid == 0) return 0;
    *signaled = info.si_code == CLD_KILLED || info.si_code == CLD_DUMPED;
    *code = info.si_status;
    return 1;
}

int corral_pidfd_check_child(int pidfd) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    int status;
    do {
        status = waitid((idtype_t)P_PIDFD, (id_t)pidfd, &info, WEXITED | WNOHANG | WNOWAIT);
    } while (status < 0 && errno == EINTR);
    return status < 0 ? -1 : 0;
}

int corral_epoll_create(void) {
    return epoll_create1(EPOLL_CLOEXEC);
}

int corral_epoll_add(int epfd, int fd) {
    struct epoll_event event;
    memset(&event, 0, sizeof event);
    event.events = EPOLLIN;
    event.data.fd = fd;
    return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &event);
}

int corral_epoll_add_edge(int epfd, int fd) {
    struct epoll_event event;
    memset(&event, 0, sizeof event);
    event.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
    event.data.fd = fd;
    return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &event);
}

int corral_epoll_remove(int epfd, int fd) {
    return epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL);
}

int corral_epoll_wait(int epfd, int *fds, int capacity, int timeout_ms) {
    struct epoll_event events[64];
    if (capacity > 64) capacity = 64;
    int count = epoll_wait(epfd, events, capacity, timeout_ms);
    if (count < 0) return errno == EINTR ? 0 : -1;
    for (int i = 0; i < count; i++) fds[i] = events[i].data.fd;
    return count;
}
