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
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "CLauncher.h"

enum { AGENT_SOCKET = 3, MAX_REQUEST = 64 << 20, REQUEST_MAGIC = 0x43525332 /* "CRS2" */, MAX_GROUPS = 1024 };

// The steps of starting a task, as the agent names them in a failure: keep in step with
// SupervisorServer.describe in the agent. The task's own steps follow the supervisor's, in
// CLauncher's order (see `task_step`).
enum step { STEP_NONE = 0, STEP_REQUEST, STEP_FORK, STEP_PIPE, STEP_VFORK, STEP_PIDS, STEP_TASK };

// A step of `corral_become_task` as the supervisor reports it.
static int task_step(int launch_step) { return STEP_TASK + launch_step - CORRAL_STEP_SETSID; }

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
    // The file the supervisor appends the task's pids and its end to.
    const char *record;
    // The task; uid CORRAL_KEEP_USER keeps the supervisor's user.
    corral_launch_spec task;
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
    uint32_t argc = header[2], envc = header[3], cgroupc = header[4], groupc = header[7];
    corral_launch_spec *task = &request->task;
    task->uid = header[5];
    task->gid = header[6];
    if (argc == 0 || argc > 1 << 20 || envc > 1 << 20 || cgroupc > 64 || groupc > MAX_GROUPS) return -1;
    size_t groups_size = (size_t)groupc * 4;
    if ((size_t)length < HEADER + groups_size) return -1;
    gid_t *groups = calloc((size_t)groupc + 1, sizeof(gid_t));
    if (!groups) return -1;
    for (uint32_t i = 0; i < groupc; i++) {
        uint32_t gid;
        memcpy(&gid, buffer + HEADER + (size_t)i * 4, 4);
        groups[i] = (gid_t)gid;
    }
    task->groups = groups;
    task->group_count = (int)groupc;
    size_t count = 5 + (size_t)argc + envc + cgroupc;
    char **strings = calloc(count, sizeof *strings);
    char **argv = calloc((size_t)argc + 1, sizeof(char *));
    char **envp = calloc((size_t)envc + 1, sizeof(char *));
    const char **cgroups = calloc((size_t)cgroupc + 1, sizeof(char *));
    task->argv = argv;
    task->envp = envp;
    task->cgroup_join_files = cgroups;
    if (!strings || !argv || !envp || !cgroups) {
        free(strings);
        return -1;
    }
    char *at = buffer + HEADER + groups_size, *end = buffer + length;
    for (size_t i = 0; i < count; i++) {
        char *nul = memchr(at, 0, (size_t)(end - at));
        if (!nul) {
            free(strings);
            return -1;
        }
        strings[i] = at;
        at = nul + 1;
    }
    task->executable = strings[0];
    task->directory = strings[1];
    task->stdout_path = strings[2];
    task->stderr_path = strings[3];
    request->record = strings[4];
    for (uint32_t i = 0; i < argc; i++) argv[i] = strings[5 + i];
    for (uint32_t i = 0; i < envc; i++) envp[i] = strings[5 + argc + i];
    for (uint32_t i = 0; i < cgroupc; i++) cgroups[i] = strings[5 + argc + envc + i];
    task->cgroup_count = (int)cgroupc;
    free(strings);
    return 0;
}

// What `decode` allocated.
static void release(struct request *request) {
    free((void *)request->task.argv);
    free((void *)request->task.envp);
    free((void *)request->task.cgroup_join_files);
    free((void *)request->task.groups);
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

// The signals the server and its supervisors ignore: a terminal's, a closed pipe's, and a
// child's end (the server's supervisors are reaped by the kernel). Every other signal has its
// default action from the server's start on.
static const int ignored_signals[] = {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD};

// The task's side of the vfork: only system calls, on memory the supervisor prepared. The
// server reset every other signal when it started, so only the ignored ones are left to undo: a
// few system calls where resetting all 64 took the launch's path 40 µs.
static void become_task(const struct request *request, struct failure *failure) {
    int index = 0;
    int step = corral_become_task(&request->task, ignored_signals, (int)(sizeof ignored_signals / sizeof ignored_signals[0]), &index);
    failure->step = task_step(step);
    failure->index = index;
    failure->error = errno;
    _exit(127);
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
        release(&request);
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
