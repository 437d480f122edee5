// corral-supervisor: the parent of every task an agent starts, so that tasks outlive the agent
// and how each one ended is never lost.
//
// The agent runs one as `corral-supervisor --serve <agent name>` with a socket on fd 3 and sends
// it launch requests. Each request goes to a supervisor: a copy of this small process, forked
// ahead of the request (forking it costs a fifth of forking the agent, nothing is exec'd twice,
// and the launch does not wait for the fork), that starts the
// task in a session of its own, inside its cgroups, in its sandbox; appends "pids <supervisor
// pid> <task pid>\n" to the task's record file; answers the agent; waits for the task; appends
// "exit N\n" or "signal N\n"; and exits. The agent watches each supervisor through a pidfd and
// reads the record when it exits, whether it started the task itself or found the supervisor
// again from the record after a restart.
//
// When the agent goes away (the socket closes) the server exits; supervisors and their tasks go
// on. Supervisors ignore the signals a terminal or a stray kill of the agent's group would send.

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

enum { AGENT_SOCKET = 3, MAX_REQUEST = 64 << 20, REQUEST_MAGIC = 0x43525332 /* "CRS2" */, MAX_GROUPS = 1024 };

// The task keeps the supervisor's user (the agent's) when the request names this uid.
#define KEEP_USER 0xFFFFFFFFu

// The steps of starting a task, as the agent names them in a failure: keep in step with
// SupervisorLaunch.Step in the agent.
enum step {
    STEP_NONE = 0, STEP_REQUEST, STEP_FORK, STEP_PIPE, STEP_VFORK, STEP_PIDS,
    STEP_SETSID, STEP_CGROUP, STEP_CHDIR, STEP_STDIN, STEP_STDOUT, STEP_STDERR, STEP_CLOSE_FDS, STEP_EXEC,
    STEP_GROUPS, STEP_GID, STEP_UID,
};

struct reply {
    uint32_t request;
    int32_t supervisor;
    int32_t task;
    int32_t step;
    int32_t index;
    int32_t error;
};

// A request, decoded in place: every string points into the request's buffer.
struct request {
    uint32_t id;
    const char *executable, *directory, *stdout_path, *stderr_path, *record;
    char **argv, **envp;
    const char **cgroups;
    uint32_t cgroup_count;
    // Who the task runs as: uid KEEP_USER keeps the supervisor's.
    uint32_t uid, gid, group_count;
    gid_t *groups;
};

// What the task's vfork child reports when it cannot exec; it shares our memory until then.
struct failure {
    volatile int step, index, error;
};

static int read_fully(int fd, void *buffer, size_t length) {
    char *at = buffer;
    while (length > 0) {
        ssize_t got = read(fd, at, length);
        if (got == 0) return 0;
        if (got < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        at += got;
        length -= (size_t)got;
    }
    return 1;
}

static int write_fully(int fd, const void *buffer, size_t length) {
    const char *at = buffer;
    while (length > 0) {
        ssize_t put = write(fd, at, length);
        if (put < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        at += put;
        length -= (size_t)put;
    }
    return 0;
}

// Layout after the length prefix: magic, id, argc, envc, cgroupc, uid, gid, groupc (u32 each),
// groupc gids (u32 each), then NUL-terminated strings: executable, directory, stdout, stderr,
// record file, argv…, envp…, the cgroup files to join….
static int decode(char *buffer, uint32_t length, struct request *request) {
    enum { HEADER = 8 * 4 };
    if (length < HEADER) return -1;
    uint32_t header[8];
    memcpy(header, buffer, sizeof header);
    if (header[0] != REQUEST_MAGIC) return -1;
    request->id = header[1];
    uint32_t argc = header[2], envc = header[3], cgroupc = header[4];
    request->uid = header[5];
    request->gid = header[6];
    request->group_count = header[7];
    if (argc == 0 || argc > 1 << 20 || envc > 1 << 20 || cgroupc > 64 || request->group_count > MAX_GROUPS) return -1;
    size_t groups_size = (size_t)request->group_count * 4;
    if ((size_t)length < HEADER + groups_size) return -1;
    request->groups = calloc((size_t)request->group_count + 1, sizeof(gid_t));
    if (!request->groups) return -1;
    for (uint32_t i = 0; i < request->group_count; i++) {
        uint32_t gid;
        memcpy(&gid, buffer + HEADER + (size_t)i * 4, 4);
        request->groups[i] = (gid_t)gid;
    }
    size_t count = 5 + (size_t)argc + envc + cgroupc;
    const char **strings = calloc(count, sizeof *strings);
    request->argv = calloc((size_t)argc + 1, sizeof(char *));
    request->envp = calloc((size_t)envc + 1, sizeof(char *));
    request->cgroups = calloc((size_t)cgroupc + 1, sizeof(char *));
    if (!strings || !request->argv || !request->envp || !request->cgroups) return -1;
    char *at = buffer + HEADER + groups_size, *end = buffer + length;
    for (size_t i = 0; i < count; i++) {
        char *nul = memchr(at, 0, (size_t)(end - at));
        if (!nul) return -1;
        strings[i] = at;
        at = nul + 1;
    }
    request->executable = strings[0];
    request->directory = strings[1];
    request->stdout_path = strings[2];
    request->stderr_path = strings[3];
    request->record = strings[4];
    for (uint32_t i = 0; i < argc; i++) request->argv[i] = (char *)strings[5 + i];
    for (uint32_t i = 0; i < envc; i++) request->envp[i] = (char *)strings[5 + argc + i];
    for (uint32_t i = 0; i < cgroupc; i++) request->cgroups[i] = strings[5 + argc + envc + i];
    request->cgroup_count = cgroupc;
    free(strings);
    return 0;
}

static int format_int(long value, char *buffer) {
    char digits[24];
    int count = 0, negative = value < 0;
    unsigned long rest = negative ? (unsigned long)(-value) : (unsigned long)value;
    do {
        digits[count++] = (char)('0' + rest % 10);
        rest /= 10;
    } while (rest > 0);
    int length = 0;
    if (negative) buffer[length++] = '-';
    while (count > 0) buffer[length++] = digits[--count];
    return length;
}

// One line, appended in one write: a reader that finds no newline treats it as not yet written.
static int append_line(const char *path, const char *line, size_t length) {
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) return -1;
    int result = write_fully(fd, line, length);
    close(fd);
    return result;
}

static int open_onto(const char *path, int flags, int target) {
    int fd = open(path, flags | O_CLOEXEC, 0644);
    if (fd < 0) return -1;
    if (fd == target) return fcntl(fd, F_SETFD, 0);
    if (dup2(fd, target) < 0) return -1;
    close(fd);
    return 0;
}

// The signals the server and its supervisors ignore: a terminal's, a closed pipe's, and a
// child's end (the server's supervisors are reaped by the kernel). Every other signal has its
// default action from the server's start on.
static const int ignored_signals[] = {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD};

// The task's side of the vfork: only system calls, on memory the supervisor prepared.
static void become_task(const struct request *request, struct failure *failure) {
#define FAIL(s, i) do { failure->step = (s); failure->index = (i); failure->error = errno; _exit(127); } while (0)
    if (setsid() < 0) FAIL(STEP_SETSID, 0);
    // "0" is the writer itself. Into v1's `tasks` that moves only this thread (the whole task,
    // which has no other yet), and the kernel then skips the lock that moving a process takes:
    // taking it waits for an RCU grace period, which on an idle host took 20-40 ms per launch.
    for (uint32_t i = 0; i < request->cgroup_count; i++) {
        int fd = open(request->cgroups[i], O_WRONLY | O_CLOEXEC);
        if (fd < 0) FAIL(STEP_CGROUP, (int)i);
        ssize_t put = write(fd, "0", 1);
        int saved = errno;
        close(fd);
        errno = saved;
        if (put != 1) FAIL(STEP_CGROUP, (int)i);
    }
    // The task's user from here on: groups first, then the group, then the user, as only root
    // may change the others. The cgroups were joined as root; the sandbox and its output
    // files are the user's.
    if (request->uid != KEEP_USER) {
        if (setgroups((size_t)request->group_count, request->groups) < 0) FAIL(STEP_GROUPS, 0);
        if (setgid((gid_t)request->gid) < 0) FAIL(STEP_GID, 0);
        if (setuid((uid_t)request->uid) < 0) FAIL(STEP_UID, 0);
    }
    if (chdir(request->directory) < 0) FAIL(STEP_CHDIR, 0);
    if (open_onto("/dev/null", O_RDONLY, STDIN_FILENO) < 0) FAIL(STEP_STDIN, 0);
    if (open_onto(request->stdout_path, O_WRONLY | O_CREAT | O_APPEND, STDOUT_FILENO) < 0) FAIL(STEP_STDOUT, 0);
    if (open_onto(request->stderr_path, O_WRONLY | O_CREAT | O_APPEND, STDERR_FILENO) < 0) FAIL(STEP_STDERR, 0);
    if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) < 0) {
        if (errno != ENOSYS && errno != EINVAL) FAIL(STEP_CLOSE_FDS, 0);
        for (long fd = 3; fd < 65536; fd++) fcntl((int)fd, F_SETFD, FD_CLOEXEC);
    }
    // The supervisor's ignored signals are not the task's (exec resets handlers, not ignores).
    // The server reset every other signal when it started, so only these are left to undo:
    // a few system calls where resetting all 64 took the launch's path 40 µs.
    for (size_t i = 0; i < sizeof ignored_signals / sizeof ignored_signals[0]; i++) signal(ignored_signals[i], SIG_DFL);
    sigset_t empty;
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    execve(request->executable, request->argv, request->envp);
    FAIL(STEP_EXEC, 0);
#undef FAIL
}

// A supervisor's whole life. `report` is the pipe its answer to the agent goes through.
static void supervise(const struct request *request, int report) {
    struct reply reply = {request->id, (int32_t)getpid(), 0, STEP_NONE, 0, 0};
    setsid();
    signal(SIGCHLD, SIG_DFL);
    struct failure failure = {STEP_NONE, 0, 0};
    pid_t task = vfork();
    if (task < 0) {
        reply.step = STEP_VFORK;
        reply.error = errno;
    } else if (task == 0) {
        become_task(request, &failure);
    } else if (failure.step != STEP_NONE) {
        waitpid(task, NULL, 0);
        reply.step = failure.step;
        reply.index = failure.index;
        reply.error = failure.error;
    } else {
        reply.task = (int32_t)task;
        char line[64];
        memcpy(line, "pids ", 5);
        int length = 5 + format_int(reply.supervisor, line + 5);
        line[length++] = ' ';
        length += format_int(task, line + length);
        line[length++] = '\n';
        if (append_line(request->record, line, (size_t)length) < 0) {
            // Without its pids a restarted agent could not find the task again: do not run it.
            reply.step = STEP_PIDS;
            reply.error = errno;
            kill(task, SIGKILL);
            waitpid(task, NULL, 0);
        }
    }
    write_fully(report, &reply, sizeof reply);
    close(report);
    if (reply.step != STEP_NONE) _exit(127);

    int status;
    while (waitpid(task, &status, 0) < 0 && errno == EINTR) {}
    char line[64];
    int length;
    if (WIFSIGNALED(status)) {
        memcpy(line, "signal ", 7);
        length = 7 + format_int(WTERMSIG(status), line + 7);
    } else {
        memcpy(line, "exit ", 5);
        length = 5 + format_int(WEXITSTATUS(status), line + 5);
    }
    line[length++] = '\n';
    append_line(request->record, line, (size_t)length);
    _exit(0);
}

// A supervisor forked ahead of its request, so that a launch does not wait for a fork (a tenth
// of a millisecond, a fifth of a bare spawn): it waits on `requests` for one request, as the
// agent sent it, then supervises it and answers on `replies`. A new one is forked once the
// agent has its answer.
struct spare {
    pid_t pid;
    int requests, replies;
};

static void await_request(int requests, int replies) {
    uint32_t length;
    if (read_fully(requests, &length, sizeof length) <= 0 || length > MAX_REQUEST) _exit(0);  // the server went away
    char *buffer = malloc((size_t)length + 1);
    if (!buffer || read_fully(requests, buffer, length) <= 0) _exit(0);
    close(requests);
    buffer[length] = 0;
    struct request request;
    memset(&request, 0, sizeof request);
    if (decode(buffer, length, &request) < 0) _exit(127);  // the server decoded it first: cannot happen
    supervise(&request, replies);
}

static void fork_spare(struct spare *spare) {
    int requests[2], replies[2];
    spare->pid = -1;
    if (pipe2(requests, O_CLOEXEC) < 0) return;
    if (pipe2(replies, O_CLOEXEC) < 0) {
        close(requests[0]);
        close(requests[1]);
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(AGENT_SOCKET);
        close(requests[1]);
        close(replies[0]);
        await_request(requests[0], replies[1]);
    }
    close(requests[0]);
    close(replies[1]);
    if (pid < 0) {
        close(requests[1]);
        close(replies[0]);
        return;
    }
    *spare = (struct spare){pid, requests[1], replies[0]};
}

// Hands the request to the spare and reads its answer. Returns -1 when the spare was gone
// before it took the request (then a supervisor is forked for it, as without a spare).
static int hand_to_spare(struct spare *spare, uint32_t length, const char *buffer, uint32_t id, struct reply *reply) {
    int taken = write_fully(spare->requests, &length, sizeof length) == 0 && write_fully(spare->requests, buffer, length) == 0;
    close(spare->requests);
    int answered = taken && read_fully(spare->replies, reply, sizeof *reply) > 0;
    close(spare->replies);
    pid_t pid = spare->pid;
    spare->pid = -1;
    if (!taken) return -1;
    if (!answered) *reply = (struct reply){id, pid, 0, STEP_FORK, 0, ECHILD};
    return 0;
}

// A supervisor forked for the request, when no spare could take it.
static void fork_supervisor(const struct request *request, struct reply *reply) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) < 0) {
        *reply = (struct reply){request->id, 0, 0, STEP_PIPE, 0, errno};
        return;
    }
    pid_t supervisor = fork();
    if (supervisor == 0) {
        close(AGENT_SOCKET);
        close(pipe_fds[0]);
        supervise(request, pipe_fds[1]);
    }
    close(pipe_fds[1]);
    if (supervisor < 0) {
        *reply = (struct reply){request->id, 0, 0, STEP_FORK, 0, errno};
    } else if (read_fully(pipe_fds[0], reply, sizeof *reply) <= 0) {
        *reply = (struct reply){request->id, supervisor, 0, STEP_FORK, 0, ECHILD};
    }
    close(pipe_fds[0]);
}

static void serve(void) {
    // Supervisors are reaped by the kernel as they exit; the agent learns of it from a pidfd.
    signal(SIGCHLD, SIG_IGN);
    struct spare spare;
    fork_spare(&spare);
    for (;;) {
        uint32_t length;
        int got = read_fully(AGENT_SOCKET, &length, sizeof length);
        if (got <= 0) _exit(0);  // the agent went away; the spare reads the end of its pipe and goes too
        if (length > MAX_REQUEST) _exit(2);
        char *buffer = malloc(length + 1);
        if (!buffer || read_fully(AGENT_SOCKET, buffer, length) <= 0) _exit(2);
        buffer[length] = 0;
        struct request request;
        memset(&request, 0, sizeof request);
        struct reply reply = {0, 0, 0, STEP_NONE, 0, 0};
        if (decode(buffer, length, &request) < 0) {
            reply.request = request.id;
            reply.step = STEP_REQUEST;
            reply.error = EINVAL;
        } else if (spare.pid <= 0 || hand_to_spare(&spare, length, buffer, request.id, &reply) < 0) {
            fork_supervisor(&request, &reply);
        }
        free(request.argv);
        free(request.envp);
        free(request.cgroups);
        free(request.groups);
        free(buffer);
        if (write_fully(AGENT_SOCKET, &reply, sizeof reply) < 0) _exit(0);
        if (spare.pid <= 0) fork_spare(&spare);
    }
}

int main(int argc, char **argv) {
    if (argc < 2 || strcmp(argv[1], "--serve") != 0 || fcntl(AGENT_SOCKET, F_GETFD) < 0) {
        fprintf(stderr,
                "corral-supervisor: the parent of the tasks a corral agent runs; started by the agent "
                "(`corral-supervisor --serve NAME`, with its socket on fd 3), not by hand.\n");
        return 2;
    }
    // Nothing of the agent's may stay open in supervisors that outlive it: not its listening
    // socket (its port would stay taken), not its standard output (a pipe would never end).
    int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null_fd >= 0) {
        for (int fd = 0; fd <= 2; fd++) dup2(null_fd, fd);
        if (null_fd > AGENT_SOCKET) close(null_fd);
    }
    if (syscall(SYS_close_range, AGENT_SOCKET + 1U, ~0U, 0U) < 0) {
        for (int fd = AGENT_SOCKET + 1; fd < 65536; fd++) close(fd);
    }
    // What the agent ignored is not inherited by tasks: every signal starts at its default
    // action, then the server ignores its own few. The system call itself, as glibc's
    // sigaction refuses the two signals it keeps for itself (32 and 33), which an agent's
    // runtime ignores: tasks used to start with them ignored. All zeros is SIG_DFL, no flags
    // and an empty mask, whatever the architecture's layout.
    unsigned long default_action[4] = {0, 0, 0, 0};
    for (int signal_number = 1; signal_number <= 64; signal_number++) {
        if (signal_number == SIGKILL || signal_number == SIGSTOP) continue;
        syscall(SYS_rt_sigaction, signal_number, default_action, NULL, (size_t)8);
    }
    signal(SIGPIPE, SIG_IGN);
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    serve();
    return 0;
}
