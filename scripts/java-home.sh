# Sourced by the project's scripts: sets JAVA_HOME to a JDK 21 or newer and puts it first on
# PATH. Looks at JAVA_HOME, then `javac` on PATH, then /usr/lib/jvm/* (the newest).
# Exits with a clear message when there is none.
# It runs before every ./chapar command, so it starts no process where bash can do the work
# itself (docs/benchmarks.md, CLI start-up).

_chapar_jdk_version="" # set by _chapar_read_version

_chapar_read_version() { # sets _chapar_jdk_version to the feature version of the JDK home $1, or ""
  # Every JDK since 9 has a release file; reading it spares a JVM start.
  local line v=""
  if [ -r "$1/release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case $line in
        JAVA_VERSION=*)
          v=${line#JAVA_VERSION=}
          v=${v#\"}
          v=${v%%[!0-9]*}
          break
          ;;
      esac
    done <"$1/release"
  fi
  if [ -z "$v" ]; then
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1)
    v=${v%%.*}
  fi
  _chapar_jdk_version=$v
}

_chapar_is_jdk21() { # $1 = a JDK home; leaves its version in _chapar_jdk_version
  _chapar_jdk_version=""
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  _chapar_read_version "$1"
  [ -n "$_chapar_jdk_version" ] && [ "$_chapar_jdk_version" -ge 21 ] 2>/dev/null
}

chapar_find_java() {
  if [ -n "${JAVA_HOME:-}" ] && _chapar_is_jdk21 "$JAVA_HOME"; then
    return 0
  fi
  local javac home
  if javac=$(command -v javac 2>/dev/null); then
    [ -L "$javac" ] && javac=$(readlink -f "$javac")
    home=${javac%/bin/javac}
    if _chapar_is_jdk21 "$home"; then
      export JAVA_HOME="$home"
      return 0
    fi
  fi
  local candidate best="" best_version=0
  for candidate in /usr/lib/jvm/*; do
    if _chapar_is_jdk21 "$candidate" && [ "$_chapar_jdk_version" -gt "$best_version" ]; then
      best=$candidate
      best_version=$_chapar_jdk_version
    fi
  done
  if [ -n "$best" ]; then
    export JAVA_HOME="$best"
    _chapar_jdk_version=$best_version
    return 0
  fi
  echo "chapar: no JDK 21 or newer found (looked at JAVA_HOME, javac on PATH and /usr/lib/jvm)." >&2
  echo "chapar: install one (e.g. a Temurin or OpenJDK 21+ package) or set JAVA_HOME." >&2
  return 1
}

chapar_find_java || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
CHAPAR_JAVA_VERSION=$_chapar_jdk_version
export CHAPAR_JAVA_VERSION
# protobuf-java still uses sun.misc.Unsafe; JDK 24+ warns about it on every start unless allowed.
CHAPAR_JAVA_OPTS=""
if [ "$CHAPAR_JAVA_VERSION" -ge 24 ] 2>/dev/null; then
  CHAPAR_JAVA_OPTS="--sun-misc-unsafe-memory-access=allow"
fi
export CHAPAR_JAVA_OPTS
