# Helpers shared by scripts/collect.sh and scripts/collect-org.sh (sourced, not run).
# They expect: $prog (the script's name for messages), $work (a temporary directory) and
# the array aws_args (options added to every call).
# shellcheck shell=bash disable=SC2154

say() { echo "$prog: $*" >&2; }
die() { echo "$prog: $*" >&2; exit 1; }
usage_error() { echo "$prog: $*; see --help" >&2; exit 2; }

# awsc NAME ARGS...: runs `aws --output json ARGS...` (ARGS may ask for another --output), stdout to $work/NAME.out, stderr to
# $work/NAME.err; a throttled call is retried with back-off (1, 2, 4, 8, 16 s and some jitter).
awsc() {
    local name="$1" delay
    shift
    for delay in 1 2 4 8 16 0; do
        if aws --output json "$@" ${aws_args[@]+"${aws_args[@]}"} >"$work/$name.out" 2>"$work/$name.err"; then
            return 0
        fi
        case "$(error_code "$name")" in
            Throttling|ThrottlingException|TooManyRequestsException|RequestLimitExceeded|SlowDown) ;;
            *) return 1 ;;
        esac
        [ "$delay" != 0 ] || return 1
        say "throttled ($(error_code "$name")); retrying in about $delay s"
        sleep "$delay.$((RANDOM % 10))"
    done
}

# The error code of the last failed call: `An error occurred (CODE) when calling ...`.
error_code() { sed -n 's/.*An error occurred (\([A-Za-z]*\)).*/\1/p' "$work/$1.err" | head -n 1; }
fail_call() {
    say "'aws $2' failed:"
    sed 's/^/    /' "$work/$1.err" >&2
    exit 1
}

# The one OUTDIR: set_outdir for each word the options loop does not take, finish_outdir with
# what is left after `--`.
set_outdir() {
    [ -z "$outdir" ] || usage_error "one OUTDIR expected; found '$outdir' and '$1'"
    outdir="$1"
}
finish_outdir() {
    if [ $# -gt 0 ]; then
        [ -z "$outdir" ] && [ $# -eq 1 ] || usage_error "one OUTDIR expected"
        outdir="$1"
    fi
    [ -n "$outdir" ] || usage_error "OUTDIR is missing"
}
need_aws() {
    command -v aws >/dev/null 2>&1 || die "the AWS CLI ('aws') is not on PATH; install it (pip install awscli, or AWS CLI v2)"
}
