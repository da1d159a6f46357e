# Finds a JDK 21 or newer: JAVA_HOME if it is one, else `java` on PATH, else the newest
# /usr/lib/jvm/*. Prints the path of its java launcher.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1
}

find_java() {
  local candidates=()
  [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  local dir
  for dir in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
    [[ -x "$dir/bin/java" ]] && candidates+=("$dir/bin/java")
  done
  local best="" best_major=0 c m
  for c in "${candidates[@]}"; do
    m="$(java_major "$c")"; m="${m%%.*}"
    [[ -z "$m" ]] && continue
    # The first acceptable one in the order above wins (JAVA_HOME, PATH), else the newest.
    if (( m >= 21 )); then
      if [[ -z "$best" ]]; then best="$c"; best_major="$m"; fi
    fi
  done
  if [[ -z "$best" ]]; then
    echo "no JDK 21+ found (set JAVA_HOME)" >&2
    return 1
  fi
  echo "$best"
}
