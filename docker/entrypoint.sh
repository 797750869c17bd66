#!/bin/sh
# Container entrypoint: `bot` (default) runs the bot, `worker` a queue worker (needs REDIS_URL, no
# Discord token), `deploy-commands [--guild ID]` registers the commands, anything else is executed as given. Checks the required environment first and never
# prints the token.
set -eu

APP_DIR="${APP_DIR:-/app}"

require_env() {
  missing=""
  for v in DISCORD_TOKEN DISCORD_APPLICATION_ID; do
    eval "val=\${$v:-}"
    [ -n "$val" ] || missing="$missing $v"
  done
  if [ -n "$missing" ]; then
    echo "curve-triage: missing environment:$missing (see .env.example)" >&2
    exit 2
  fi
}

cmd="${1:-bot}"
case "$cmd" in
  bot)
    require_env
    if [ $# -gt 0 ]; then shift; fi
    exec node "$APP_DIR/build/src/bot/index.js" "$@"
    ;;
  worker)
    if [ -z "${REDIS_URL:-}" ]; then
      echo "curve-triage: missing environment: REDIS_URL (a worker takes its jobs from Redis; see .env.example)" >&2
      exit 2
    fi
    shift
    exec node "$APP_DIR/build/src/worker/index.js" "$@"
    ;;
  deploy-commands)
    require_env
    shift
    exec node "$APP_DIR/build/src/bot/deploy.js" "$@"
    ;;
  *)
    exec "$@"
    ;;
esac
