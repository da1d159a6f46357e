# Sourced by ./chapar (after java-home.sh): the JVM options of a command, and the JDK's
# ahead-of-time class cache that makes a CLI command start in a fraction of the time
# (docs/benchmarks.md, "CLI start-up"). JDK 25 and newer: an AOT cache (-XX:AOTCacheOutput /
# -XX:AOTCache); JDK 21 to 24: a dynamic CDS archive (-XX:ArchiveClassesAtExit /
# -XX:SharedArchiveFile). There is one cache per mode (client commands, the server), made once per
# build of the jar by a training run: a throw-away server on a free port of 127.0.0.1, recorded
# for the server's cache, and the hidden `startup-training` command against it, recorded for the
# client's. The cache never stands in a command's way: when it is missing, stale, being made by
# another run, could not be made, or is refused by the JVM, the command starts without it.
# CHAPAR_STARTUP_CACHE=off turns it off.

# beside the build (cli/target/startup-cache), or beside a jar given as CHAPAR_JAR
if [ -n "${CHAPAR_JAR:-}" ]; then
  _chapar_cache_dir="${jar%.jar}.startup-cache"
else
  _chapar_cache_dir="$root/cli/target/startup-cache"
fi

# The JVM options of a mode. A client command is short and small: C1 only (no C2 compiles that
# would never pay off) and only for methods ten times hotter than usual (most of a command runs
# once: compiling it cost more CPU than interpreting), the serial collector (no GC threads to
# start), no perf-data file. On JDK 25 and newer also: no early compiles of what was hot in the
# cache's training run (that run did every command; one command does not need them), and no wait
# at exit for threads blocked in native code (the JVM otherwise waits up to 300 ms for them).
chapar_jvm_opts() { # $1 = client|server
  if [ "$1" = server ]; then
    # Give freed heap back to the OS instead of keeping it committed: with many idle connections
    # this halves resident memory per connection (docs/benchmarks.md, idle scenario).
    echo "-XX:MaxHeapFreeRatio=20 -XX:MinHeapFreeRatio=10 ${CHAPAR_SERVER_OPTS:-}"
  else
    local opts="-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10 -XX:+UseSerialGC -XX:-UsePerfData"
    if [ "$CHAPAR_JAVA_VERSION" -ge 25 ]; then
      opts="$opts -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining -XX:UserThreadWaitAttemptsAtExit=0"
    fi
    echo "$opts"
  fi
}

_chapar_cache_file() { # $1 = mode; one file per mode and JDK (its path, made a file name)
  echo "$_chapar_cache_dir/$1-$CHAPAR_JAVA_VERSION${JAVA_HOME//[^A-Za-z0-9.-]/_}.cache"
}

# The JDK's own messages about a cache it cannot use go to stdout by default; a command's stdout
# is for its results, so they are silenced: the command then simply starts without the cache.
_chapar_cache_quiet() {
  if [ "$CHAPAR_JAVA_VERSION" -ge 25 ]; then echo "-Xlog:aot=off -Xlog:cds=off"; else echo "-Xlog:cds=off"; fi
}

_chapar_cache_use() { # $1 = file
  if [ "$CHAPAR_JAVA_VERSION" -ge 25 ]; then
    echo "-XX:AOTCache=$1 $(_chapar_cache_quiet)"
  else
    echo "-XX:SharedArchiveFile=$1 $(_chapar_cache_quiet)"
  fi
}

_chapar_cache_record() { # $1 = file
  if [ "$CHAPAR_JAVA_VERSION" -ge 25 ]; then
    echo "-XX:AOTCacheOutput=$1"
  else
    echo "-XX:ArchiveClassesAtExit=$1"
  fi
}

# Runs the training (see the top of this file) and moves the caches into place. Returns non-zero
# when no client cache came out of it; the log stays in the cache directory.
_chapar_cache_train() {
  local tmp log pid url="" i status=0
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/chapar-training.XXXXXX")
  log="$_chapar_cache_dir/training.log"
  : >"$log"
  : >"$tmp/server.log" # there before the server writes to it: the loop below reads it at once
  # shellcheck disable=SC2046
  "$JAVA_HOME/bin/java" $CHAPAR_JAVA_OPTS $(chapar_jvm_opts server) $(_chapar_cache_record "$tmp/server") \
    --enable-native-access=ALL-UNNAMED -jar "$jar" server --data "$tmp/data" --port 0 >"$tmp/server.log" 2>&1 &
  pid=$!
  for i in $(seq 1 240); do
    url=$(sed -n 's/^Chapar listening on \(http:[^ ]*\).*/\1/p' "$tmp/server.log")
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if [ -n "$url" ]; then
    # shellcheck disable=SC2046
    "$JAVA_HOME/bin/java" $CHAPAR_JAVA_OPTS $(chapar_jvm_opts client) $(_chapar_cache_record "$tmp/client") \
      --enable-native-access=ALL-UNNAMED -jar "$jar" startup-training --server "$url" >>"$log" 2>&1 || status=$?
  else
    echo "the training server did not start" >>"$log"
  fi
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  cat "$tmp/server.log" >>"$log"
  [ -s "$tmp/server" ] && mv -f "$tmp/server" "$(_chapar_cache_file server)"
  if [ -s "$tmp/client" ]; then
    mv -f "$tmp/client" "$(_chapar_cache_file client)"
  else
    status=1
  fi
  rm -rf "$tmp"
  return $status
}

# Prints the options that make the mode use its cache, making the caches first when this build
# has none yet (and none could not be made). Prints nothing when the command is to start without.
chapar_startup_cache() { # $1 = client|server
  [ "${CHAPAR_STARTUP_CACHE:-on}" != off ] || return 0
  local file failed lock
  file=$(_chapar_cache_file "$1")
  failed="$_chapar_cache_dir/failed-$CHAPAR_JAVA_VERSION"
  if [ "$file" -nt "$jar" ]; then
    _chapar_cache_use "$file"
    return 0
  fi
  [ "$failed" -nt "$jar" ] && return 0
  mkdir -p "$_chapar_cache_dir"
  lock="$_chapar_cache_dir/training.lock"
  # a training killed half-way leaves its lock: one older than ten minutes is stale
  find "$lock" -maxdepth 0 -mmin +10 -exec rmdir {} \; 2>/dev/null || true
  mkdir "$lock" 2>/dev/null || return 0 # another run is training: start plainly meanwhile
  echo "chapar: making the start-up cache for this build (once; about half a minute)..." >&2
  if _chapar_cache_train; then
    rm -f "$failed"
  else
    touch "$failed"
    echo "chapar: no start-up cache (see $_chapar_cache_dir/training.log); commands start without it" >&2
  fi
  rmdir "$lock"
  [ "$file" -nt "$jar" ] && _chapar_cache_use "$file"
  return 0
}
