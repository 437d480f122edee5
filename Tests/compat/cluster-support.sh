# Sourced by the test runners (Tests/compat/run.sh, Tests/compat/auth-run.sh,
# Tests/e2e/hostile-input.sh): what they share to start corral processes and wait for them, run a
# Python test program against them, stop them by PID, check that nothing of the run survives, and
# end with the keep-or-remove of the work dir and the summary line. Every wait has a deadline.
#
# Sourcing it sets `passed` and `failed` to 0, defines `pass MESSAGE` / `fail MESSAGE` (count one
# and print 'PASS: MESSAGE' / 'FAIL: MESSAGE'), the associative array `pids` (name → pid of every
# process the runner started and has not stopped yet) and the list `stop_problems`, and sets
# `venv` (CORRAL_VENV, default /tmp/corral-venv), `python` (its Python; the runner may choose
# another) and `run_id` (a marker for this run's task names). The runner sets, before calling a
# function that needs them:
#   script        its own file name, which starts its lines ('auth-run.sh: ...')
#   corral        the corral executable (require_corral makes it absolute)
#   work          the run's work dir; a process NAME writes $work/NAME.out and $work/NAME.err
#   master        the master's IP:PORT (start_master sets it)
#   test_timeout  seconds per Python test program
#   started       optional: $SECONDS when the run began (end_run then says how long it took)
#
# Function                                 needs
#   give_up SUITE MESSAGE                  script
#   require_corral SUITE [HINT]            script, corral
#   require_venv SUITE                     script, venv, python
#   wait_for_line FILE ERE PID SECONDS     -
#   launch NAME ARGUMENT...                corral, work
#   wait_listening NAME SUBCOMMAND         work (and pids[NAME]); sets `address`
#   start_corral NAME SUBCOMMAND [OPT...]  corral, work; sets `address`
#   start_master [OPTION...]               corral, work; sets `master` (and `address`)
#   start_agent NAME PORTS [OPTION...]     corral, work, master
#   start_framework NAME [OPTION...]       corral, work, master, script; exports CORRAL_NAME
#   run_python_test NAME PROGRAM           work, python, test_timeout
#   check_still_running WHEN NAME...       work
#   stop NAME [SIGNAL [LABEL]]             -
#   stop_all                               -
#   leftovers                              work
#   reap LISTER WHAT                       -
#   report_shutdown WHAT                   -
#   shut_down WHAT                         work
#   end_run SUITE KEEP STATUS              script, work, started (optional)

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

declare -A pids=()
stop_problems=()

venv=${CORRAL_VENV:-/tmp/corral-venv}
python="$venv/bin/python"
run_id="$(date +%s)-$$"

# ---------------------------------------------------------------------------------------------
# Before the run

# give_up SUITE MESSAGE: 'FAIL: SCRIPT: MESSAGE', the summary line 'SUITE: 0 passed, 1 failed',
# exit 1 (for what is missing before anything could start).
give_up() {
  echo "FAIL: $script: $2"
  echo "$1: 0 passed, 1 failed"
  exit 1
}

# require_corral SUITE [HINT]: makes `corral` absolute; gives up unless it is an executable.
require_corral() {
  case $corral in /*) ;; *) corral="$PWD/$corral" ;; esac
  [ -x "$corral" ] || give_up "$1" "$corral is not an executable${2:+ $2}"
}

# require_venv SUITE: gives up unless `python` (the one of the virtual environment) is there.
require_venv() {
  [ -x "$python" ] ||
    give_up "$1" "no virtual environment at $venv (run: bash Tests/compat/setup-venv.sh $venv)"
}

# ---------------------------------------------------------------------------------------------
# Starting

# wait_for_line FILE ERE PID SECONDS: prints the first line of FILE matching ERE; fails if PID
# exits first or the deadline passes.
wait_for_line() {
  local file=$1 pattern=$2 pid=$3 deadline=$((SECONDS + $4)) line
  while :; do
    line=$(grep -m1 -E -- "$pattern" "$file" 2>/dev/null || true)
    if [ -n "$line" ]; then echo "$line"; return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "process $pid exited before printing /$pattern/ in $file" >&2; return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "no line matching /$pattern/ in $file within $4s" >&2; return 1
    fi
    sleep 0.1
  done
}

# launch NAME ARGUMENT...: `$corral ARGUMENT...` in the background, stdin /dev/null, stdout in
# $work/NAME.out, stderr in $work/NAME.err; its pid in pids[NAME]. (Not in a command
# substitution: the process must be this shell's child.)
launch() {
  local name=$1
  shift
  "$corral" "$@" >"$work/$name.out" 2>"$work/$name.err" </dev/null &
  pids[$name]=$!
}

# wait_listening NAME SUBCOMMAND: waits up to 30s for 'corral SUBCOMMAND listening on IP:PORT' in
# $work/NAME.out and sets `address` to IP:PORT; status 1 when pids[NAME] exits first or the
# deadline passes.
wait_listening() {
  local line
  line=$(wait_for_line "$work/$1.out" "corral $2 listening on [0-9.]+:[0-9]+" "${pids[$1]}" 30) ||
    return 1
  address=$(echo "$line" | grep -oE '[0-9.]+:[0-9]+$')
}

# start_corral NAME SUBCOMMAND [OPTION...]: launch NAME SUBCOMMAND OPTION..., then wait_listening.
start_corral() {
  launch "$@" && wait_listening "$1" "$2"
}

# start_master [OPTION...]: pids[master], a master on port 0 with heartbeats every second and its
# work dir in $work/master; sets `master` to its IP:PORT.
start_master() {
  start_corral master master --port 0 --heartbeat-interval 1 --work-dir "$work/master" "$@" &&
    master=$address
}

# start_agent NAME PORTS [OPTION...]: pids[NAME], a `corral agent` of the master on port 0 (work
# dir $work/NAME, drain timeout 3s, cpus 2, mem 2048, disk 4096 and the ports PORTS, like
# '[31000-31999]'), not waited for.
start_agent() {
  local name=$1 ports=$2
  shift 2
  launch "$name" agent --master "$master" --port 0 --work-dir "$work/$name" --drain-timeout 3 \
    --resources "cpus:2;mem:2048;disk:4096;ports:$ports" "$@"
}

# start_framework NAME [OPTION...]: pids[NAME], `corral NAME` (services or jobs) of the master on
# port 0 (work dir $work/NAME); waits for it to listen, exports its IP:PORT as CORRAL_NAME (upper
# case) and says so. Status 1 when it does not start.
start_framework() {
  local name=$1 variable
  shift
  start_corral "$name" "$name" --master "$master" --port 0 --work-dir "$work/$name" "$@" ||
    return 1
  variable=CORRAL_$(echo "$name" | tr '[:lower:]' '[:upper:]')
  export "$variable=$address"
  echo "$script: corral $name on $address (pid ${pids[$name]})"
}

# ---------------------------------------------------------------------------------------------
# Testing

# run_python_test NAME PROGRAM: runs one Python test program that prints PASS:/FAIL: lines, with
# a deadline, and adds its counts to `passed` and `failed`. A program that dies, times out or
# reports nothing counts as a failure, and its stderr's last lines are shown.
run_python_test() {
  local name=$1 program=$2 rc p f
  timeout --kill-after=10 "$test_timeout" "$python" -u "$program" \
    2>"$work/$name.log" | tee "$work/$name.out"
  rc=${PIPESTATUS[0]}
  p=$(grep -c '^PASS: ' "$work/$name.out")
  f=$(grep -c '^FAIL: ' "$work/$name.out")
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
      fail "$name: timed out after ${test_timeout}s"
    else
      fail "$name: exited with status $rc without reporting a failure"
    fi
  elif [ "$rc" -eq 0 ] && [ "$p" -eq 0 ]; then
    fail "$name: reported nothing"
  fi
  if [ "$rc" -ne 0 ] && [ -s "$work/$name.log" ]; then
    echo "---- $name: last 25 lines of its stderr ($work/$name.log) ----"
    tail -25 "$work/$name.log"
    echo "----"
  fi
}

# check_still_running WHEN NAME...: every process pids[NAME] still runs, or a failure naming
# those that exited, with their stderr ($work/NAME.err).
check_still_running() {
  local when=$1 name down=()
  shift
  for name in "$@"; do
    kill -0 "${pids[$name]}" 2>/dev/null || down+=("$name")
  done
  if [ ${#down[@]} -eq 0 ]; then
    pass "processes: $* all still running $when"
  else
    fail "processes: exited $when: ${down[*]}"
    for name in "${down[@]}"; do echo "---- $name stderr ----"; tail -15 "$work/$name.err"; done
  fi
}

# ---------------------------------------------------------------------------------------------
# Stopping

# stop NAME [SIGNAL [LABEL]]: SIGTERM (or SIGNAL) to pids[NAME] (nothing when there is none), which
# is then forgotten; up to 15s to exit, SIGKILL after. Adds to stop_problems how it went wrong,
# if it did, naming the process LABEL (default NAME). (Not in a command substitution: `wait`
# needs this shell.)
stop() {
  local name=$1 signal=${2:-TERM} label=${3:-$1} pid=${pids[$1]:-} deadline=$((SECONDS + 15)) status
  [ -n "$pid" ] || return 0
  unset "pids[$name]"
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null; status=$?
    stop_problems+=("$label had already exited (status $status)"); return
  fi
  kill "-$signal" "$pid" 2>/dev/null
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    stop_problems+=("$label did not exit within 15s of SIG$signal (killed)"); return
  fi
  wait "$pid" 2>/dev/null; status=$?
  case $status in
    0 | 143) ;;
    *) stop_problems+=("$label exited with status $status after SIG$signal") ;;
  esac
}

# stop_all: stops every process in pids: services and jobs, then the agents (names agent*)
# drained with SIGUSR1 (SIGTERM would leave their tasks running for a restart), the master, and
# the rest.
stop_all() {
  local name
  for name in services jobs; do stop "$name"; done
  for name in "${!pids[@]}"; do
    case $name in agent*) stop "$name" USR1 ;; esac
  done
  stop master
  for name in "${!pids[@]}"; do stop "$name"; done
}

# leftovers: pids of the task processes of this run (MESOS_SANDBOX under the work dir) and of the
# supervisors of its agents (`corral-supervisor --serve NAME`, NAME in $work/agent*/meta/agent).
leftovers() {
  local p pid names="" n
  for n in "$work"/agent*/meta/agent; do
    [ -f "$n" ] && names="$names $(grep -oE '"name":"[^"]+"' "$n" | cut -d'"' -f4)"
  done
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    if tr '\0' '\n' 2>/dev/null <"$p/environ" | grep -qF "MESOS_SANDBOX=$work/"; then
      echo "$pid"; continue
    fi
    for n in $names; do
      case "$(tr '\0' ' ' 2>/dev/null <"$p/cmdline")" in
        "corral-supervisor --serve $n " | */"corral-supervisor --serve $n ") echo "$pid" ;;
      esac
    done
  done
}

# reap LISTER WHAT: up to 10s for the function LISTER to print no pid; then kills (SIGKILL) those
# it still prints, adding 'WHAT: PID (COMMAND LINE) ...' to stop_problems.
reap() {
  local lister=$1 what=$2 left pid
  for _ in $(seq 1 100); do [ -z "$("$lister")" ] && break; sleep 0.1; done
  left=$("$lister")
  if [ -n "$left" ]; then
    stop_problems+=("$what: $(for pid in $left; do
      echo -n "$pid ($(tr '\0' ' ' 2>/dev/null </proc/$pid/cmdline)) "; done)")
    for pid in $left; do kill -KILL "$pid" 2>/dev/null; done
  fi
}

# report_shutdown WHAT: 'PASS: shutdown: WHAT' when stop_problems is empty, else a failure listing
# them (and status 1).
report_shutdown() {
  if [ ${#stop_problems[@]} -eq 0 ]; then
    pass "shutdown: $1"
  else
    fail "shutdown: $(printf '%s; ' "${stop_problems[@]}")"
    return 1
  fi
}

# shut_down WHAT: stops every process in pids (stop_all), kills any process of the run that
# outlives that (leftovers), and reports 'shutdown: WHAT' unless something went wrong.
shut_down() {
  stop_problems=()
  stop_all
  reap leftovers "processes of this run outlived it"
  report_shutdown "$1"
}

# end_run SUITE KEEP STATUS: a failure when nothing passed or failed (STATUS: the exit status the
# runner was ending with); removes the work dir unless something failed or KEEP is 1 (else says
# where the logs are); says how long the run took when `started` is set; prints the summary line
# 'SUITE: N passed, M failed' and exits, 1 if anything failed.
end_run() {
  local suite=$1 keep=$2 status=$3
  if ((passed == 0 && failed == 0)); then fail "$script: nothing ran (status $status)"; fi
  if ((failed == 0)) && [ "$keep" != 1 ]; then
    rm -rf "$work"
  else
    echo "$script: logs kept in $work"
  fi
  if [ -n "${started:-}" ]; then echo "$script: took $((SECONDS - started))s"; fi
  echo "$suite: $passed passed, $failed failed"
  if ((failed > 0)); then exit 1; fi
  exit 0
}

# shut_down_and_end_on_exit SUITE KEEP WHAT: installs the runner's EXIT trap (shut_down WHAT,
# then end_run SUITE KEEP with the exit status) and an INT/TERM trap that ends the run through
# it. Needs what shut_down and end_run need.
shut_down_and_end_on_exit() {
  _end_suite=$1 _end_keep=$2 _end_what=$3
  trap '_shut_down_and_end' EXIT
  trap 'echo "$script: interrupted"; exit 130' INT TERM
}

_shut_down_and_end() {
  local status=$?
  trap - EXIT INT TERM
  shut_down "$_end_what"
  end_run "$_end_suite" "$_end_keep" "$status"
}
