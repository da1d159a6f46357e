# Sourced by ./chapar and ./run-tests: chapar_mvn runs Maven, the one on PATH or else the Maven
# Wrapper (./mvnw), which fetches the version named in .mvn/wrapper/maven-wrapper.properties from
# Maven Central once (into ~/.m2/wrapper) and needs only curl or wget.
chapar_mvn() {
  if command -v mvn >/dev/null 2>&1; then
    mvn "$@"
  else
    "$root/mvnw" "$@"
  fi
}
