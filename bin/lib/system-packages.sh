# Sourced by bin/test: makes sure the Debian packages the tests need are there, installing them
# when it can (root, or sudo without a password), else stops with one line saying what to run.
#   libturbojpeg0  the image engine's JPEG codec, loaded through Java's FFM API (without it JPEGs
#                  go through ImageIO and the tests that check the codec in use fail)
#   python3-venv   the tests install moto, the linters and the Prometheus parser into virtualenvs
# Checked by what they provide, not by package name: a python3 from elsewhere with venv is fine.

ebb_missing_packages() {
  local missing=()
  if ! { /sbin/ldconfig -p 2>/dev/null || ldconfig -p 2>/dev/null; } | grep -q 'libturbojpeg\.so\.0'; then
    missing+=(libturbojpeg0)
  fi
  if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    missing+=(python3-venv)
  fi
  echo "${missing[@]}"
}

ebb_system_packages() {
  local missing
  missing=$(ebb_missing_packages)
  [ -z "$missing" ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      echo "bin/test: the tests need Debian packages $missing: run 'sudo apt-get install -y $missing' and start again" >&2
      return 1
    fi
  fi
  if ! command -v apt-get >/dev/null; then
    echo "bin/test: the tests need $missing (libturbojpeg's .so.0 and Python 3 with venv): install them and start again" >&2
    return 1
  fi
  echo "bin/test: installing $missing (apt-get)"
  local packages=()
  $sudo apt-get update -qq   # once: apt-cache knows nothing on a fresh machine before it
  for p in $missing; do
    # Ubuntu (e.g. the JDK 25 image buildspec.yml runs the tests in) names the library libturbojpeg.
    if [ "$p" = libturbojpeg0 ] && ! apt-cache show libturbojpeg0 >/dev/null 2>&1; then
      p=libturbojpeg
    fi
    packages+=("$p")
  done
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  missing=$(ebb_missing_packages)
  if [ -n "$missing" ]; then
    echo "bin/test: still missing after apt-get: $missing" >&2
    return 1
  fi
}
