# Sourced by bin/ebb, bin/test and .ci/run: exports JAVA_HOME pointing at a JDK >= 25.
# Machines here default to JDK 17 with a Temurin 25 beside it, so PATH alone is not enough.
# Order: $JAVA_HOME if new enough, then `java` on PATH, then the usual install folders (newest first).

ebb_java_feature() {  # prints the feature release of the java binary $1 (17, 25, ...) or nothing
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

ebb_find_jdk() {
  local want=${EBB_MIN_JAVA:-25} candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    c=$(readlink -f "$(command -v javac)"); candidates+=("${c%/bin/javac}")
  fi
  for c in $(ls -d /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
                   "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -rV); do
    candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(ebb_java_feature "$c/bin/java")
    if [ -n "$v" ] && [ "$v" -ge "$want" ]; then
      printf '%s\n' "$c"; return 0
    fi
  done
  return 1
}

if ! JAVA_HOME=$(ebb_find_jdk); then
  echo "ebb: no JDK >= ${EBB_MIN_JAVA:-25} found (looked at \$JAVA_HOME, PATH, /usr/lib/jvm, /opt/java, ~/.sdkman)." >&2
  echo "ebb: install Temurin 25 (https://adoptium.net) or set JAVA_HOME to one." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Maven 3.8 on JDK 25 warns about sun.misc.Unsafe from its bundled Guava; harmless, so hush it.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
