# Sourced by the project's scripts: sets JAVA_HOME to a JDK 21 or newer and puts it first on
# PATH. Looks at JAVA_HOME, then `java` on PATH, then /usr/lib/jvm/* (newest first).
# Exits with a clear message when there is none.

_chapar_java_version() { # prints the feature version of the JDK home $1, or nothing
  # Every JDK since 9 has a release file; reading it spares a JVM start on each command.
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -1)
  if [ -z "$v" ]; then
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1)
  fi
  echo "${v%%.*}"
}

_chapar_is_jdk21() { # $1 = a JDK home
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local v
  v=$(_chapar_java_version "$1")
  [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null
}

chapar_find_java() {
  if [ -n "${JAVA_HOME:-}" ] && _chapar_is_jdk21 "$JAVA_HOME"; then
    return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    local home
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if _chapar_is_jdk21 "$home"; then
      export JAVA_HOME="$home"
      return 0
    fi
  fi
  local candidate
  for candidate in $(ls -d /usr/lib/jvm/* 2>/dev/null | sort -rV); do
    if _chapar_is_jdk21 "$candidate"; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "chapar: no JDK 21 or newer found (looked at JAVA_HOME, javac on PATH and /usr/lib/jvm)." >&2
  echo "chapar: install one (e.g. a Temurin or OpenJDK 21+ package) or set JAVA_HOME." >&2
  return 1
}

chapar_find_java || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
# protobuf-java still uses sun.misc.Unsafe; JDK 24+ warns about it on every start unless allowed.
CHAPAR_JAVA_VERSION=$(_chapar_java_version "$JAVA_HOME")
export CHAPAR_JAVA_VERSION
CHAPAR_JAVA_OPTS=""
if [ "$CHAPAR_JAVA_VERSION" -ge 24 ] 2>/dev/null; then
  CHAPAR_JAVA_OPTS="--sun-misc-unsafe-memory-access=allow"
fi
export CHAPAR_JAVA_OPTS
