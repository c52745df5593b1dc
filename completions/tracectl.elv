
use builtin;
use str;

set edit:completion:arg-completer[tracectl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'tracectl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'tracectl'= {
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand local 'Collect traces on this machine, no cloud account needed: OTLP and the X-Ray daemon protocol'
            cand honeycomb 'Run Honeycomb queries; list datasets and columns; check the key; add markers'
            cand xray 'Summarise AWS X-Ray traces, show one trace as a waterfall, show the service graph'
            cand logs 'Tail CloudWatch log groups, list groups and streams, run Logs Insights queries'
            cand rollbar 'Send realistic test errors to Rollbar, read errors back, and record deploys'
            cand tag 'Manage git release tags: list, create, push, delete, next version'
            cand doctor 'Check every integration and the app''s telemetry settings: one row per check'
            cand trace 'Look a trace id up everywhere: local store, X-Ray, Honeycomb, and its log lines'
            cand ui 'Explore traces, their spans, log lines and errors in a live terminal UI'
            cand mcp 'Serve the views as Model Context Protocol tools on stdin/stdout, for coding agents'
            cand release 'Release a version: push its tag, record a Rollbar deploy, add a Honeycomb marker'
            cand config 'Show the effective configuration and where each value comes from'
            cand completions 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tracectl;local'= {
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand listen 'Stand in for the X-Ray daemon, an OpenTelemetry collector, CloudWatch Logs and Rollbar: receive spans (OTLP, X-Ray), logs (OTLP, Watchtower) and errors (pyrollbar), store them in SQLite, print each request'
            cand traces 'Summarise the stored requests of a window, as `xray traces` does: rates, latency percentiles, routes, slowest traces'
            cand trace 'Show stored traces as a waterfall, as `xray trace` does, with their log lines and errors under the spans'
            cand logs 'Print the stored log lines, as `logs tail` does; -f follows new ones'
            cand errors 'List the stored errors, grouped as Rollbar groups them'
            cand error 'Show one stored error: its traceback, request and trace'
            cand services 'Show the service graph of the stored spans, as `xray services` does'
            cand query 'Run a query over the stored spans with the flags of `honeycomb query`'
            cand stats 'Show what the database holds: size, spans and traces by service, log lines, errors, time range'
            cand prune 'Delete old spans, log lines and errors now (`local listen --retain` does it while running)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tracectl;local;listen'= {
            cand --otlp-http 'OTLP over HTTP on ADDR, or `off` [env: TRACECTL_LOCAL_OTLP_HTTP] [default: 127.0.0.1:4318]'
            cand --otlp-grpc 'OTLP over gRPC on ADDR, or `off` [env: TRACECTL_LOCAL_OTLP_GRPC] [default: 127.0.0.1:4317]'
            cand --xray 'The X-Ray daemon''s address (UDP segments, TCP sampling), or `off` [env: TRACECTL_LOCAL_XRAY] [default: 127.0.0.1:2000]'
            cand --cloudwatch-logs 'Stand in for CloudWatch Logs (Watchtower, boto3) on ADDR, or `off`; signatures are not checked [env: TRACECTL_LOCAL_CLOUDWATCH_LOGS] [default: 127.0.0.1:4320]'
            cand --rollbar 'Stand in for Rollbar (pyrollbar''s endpoint http://ADDR/api/1/) on ADDR, or `off` [env: TRACECTL_LOCAL_ROLLBAR] [default: 127.0.0.1:4321]'
            cand --db 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]'
            cand --retain 'Delete spans older than this while running [env: TRACECTL_LOCAL_RETAIN] [default: 7d]'
            cand --forward-otlp 'Also send OTLP spans to this OTLP/HTTP endpoint (e.g. https://api.honeycomb.io)'
            cand --forward-header 'A header for --forward-otlp, e.g. x-honeycomb-team=KEY (repeatable; values are never shown)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand --no-otlp-http 'Do not receive OTLP over HTTP'
            cand --no-otlp-grpc 'Do not receive OTLP over gRPC'
            cand --no-xray 'Do not stand in for the X-Ray daemon'
            cand --forward-xray 'Also send X-Ray segments to X-Ray (PutTraceSegments, with the AWS settings of `xray`)'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;local;traces'= {
            cand --since 'Look at the last DUR [default: 1h]'
            cand --start 'Start of the window (a time or a duration ago)'
            cand --end 'End of the window [default: now]'
            cand --slower-than 'Only traces slower than DUR, e.g. 500ms'
            cand --url-contains 'Only traces whose URL contains TEXT'
            cand --service 'Only traces through the service NAME'
            cand --limit 'Number of traces listed under the summary (0: all)'
            cand --sort 'Which traces to list'
            cand --db 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand --errors 'Only traces with errors (4xx)'
            cand --faults 'Only traces with faults (5xx)'
            cand --throttles 'Only throttled traces (429)'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;local;trace'= {
            cand --db 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;local;logs'= {
            cand --since 'Start this long ago, or at this time [default: 1h; with --trace, all]'
            cand --trace 'Only the lines of this trace (W3C or X-Ray id)'
            cand --service 'Only lines from this service (OTLP''s service.name)'
            cand --group 'Only lines sent to this log group (the CloudWatch Logs stand-in)'
            cand --level 'Only lines at least this severe: trace, debug, info, warn, error, fatal'
            cand --grep 'Only lines whose message contains TEXT (case-sensitive)'
            cand --format 'How each line is printed (json is the same as -o json)'
            cand --db 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -f 'Keep printing new lines as they are stored, until Ctrl-C'
            cand --follow 'Keep printing new lines as they are stored, until Ctrl-C'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;local;errors'= {
            cand --since 'Only occurrences since then (a duration ago, or a time) [default: all]'
            cand -e 'Only this environment'
            cand --environment 'Only this environment'
            cand --level 'Only this level: critical, error, warning, info or debug'
            cand -l 'List at most this many'
            cand --limit 'List at most this many'
            cand --db 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;local;error'= {
            cand --db 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;local;services'= {
            cand --since 'Look at the last DUR [default: 1h]'
            cand --db 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;local;query'= {
            cand -c 'Calculation: COUNT, CONCURRENCY or OP(column), e.g. ''P99(duration_ms)'' [default: COUNT]'
            cand --calc 'Calculation: COUNT, CONCURRENCY or OP(column), e.g. ''P99(duration_ms)'' [default: COUNT]'
            cand -b 'Break results down by this column (repeatable)'
            cand --breakdown 'Break results down by this column (repeatable)'
            cand -w 'Filter ''COLUMN OP VALUE'', e.g. ''http.status_code >= 500'', ''route in /a,/b'', ''error exists'''
            cand --where 'Filter ''COLUMN OP VALUE'', e.g. ''http.status_code >= 500'', ''route in /a,/b'', ''error exists'''
            cand --order 'Order rows, e.g. ''P99(duration_ms) desc'' or ''http.route asc'' (repeatable)'
            cand --having 'Keep only groups matching, e.g. ''COUNT > 10'' (repeatable)'
            cand -l 'Maximum result rows (at most 1000)'
            cand --limit 'Maximum result rows (at most 1000)'
            cand --since 'Look at the last DUR [default: 2h]'
            cand --start 'Start of the window (a time or a duration ago)'
            cand --end 'End of the window [default: now]'
            cand --granularity 'Time bucket of the series, e.g. 1m'
            cand --db 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand --any 'Combine filters with OR instead of AND'
            cand --print-spec 'Print the spec that would be sent, and send nothing'
            cand --no-series 'Do not compute or draw the time series'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;local;stats'= {
            cand --db 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;local;prune'= {
            cand --older-than 'Delete spans, log lines and errors from longer ago than this [default: the retention, 7d]'
            cand --db 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;local;help'= {
            cand listen 'Stand in for the X-Ray daemon, an OpenTelemetry collector, CloudWatch Logs and Rollbar: receive spans (OTLP, X-Ray), logs (OTLP, Watchtower) and errors (pyrollbar), store them in SQLite, print each request'
            cand traces 'Summarise the stored requests of a window, as `xray traces` does: rates, latency percentiles, routes, slowest traces'
            cand trace 'Show stored traces as a waterfall, as `xray trace` does, with their log lines and errors under the spans'
            cand logs 'Print the stored log lines, as `logs tail` does; -f follows new ones'
            cand errors 'List the stored errors, grouped as Rollbar groups them'
            cand error 'Show one stored error: its traceback, request and trace'
            cand services 'Show the service graph of the stored spans, as `xray services` does'
            cand query 'Run a query over the stored spans with the flags of `honeycomb query`'
            cand stats 'Show what the database holds: size, spans and traces by service, log lines, errors, time range'
            cand prune 'Delete old spans, log lines and errors now (`local listen --retain` does it while running)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tracectl;local;help;listen'= {
        }
        &'tracectl;local;help;traces'= {
        }
        &'tracectl;local;help;trace'= {
        }
        &'tracectl;local;help;logs'= {
        }
        &'tracectl;local;help;errors'= {
        }
        &'tracectl;local;help;error'= {
        }
        &'tracectl;local;help;services'= {
        }
        &'tracectl;local;help;query'= {
        }
        &'tracectl;local;help;stats'= {
        }
        &'tracectl;local;help;prune'= {
        }
        &'tracectl;local;help;help'= {
        }
        &'tracectl;honeycomb'= {
            cand --endpoint-url 'API endpoint, e.g. https://api.eu1.honeycomb.io [env: HONEYCOMB_API_ENDPOINT] [default: https://api.honeycomb.io]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand query 'Run a query: table of results, a chart per calculation, and the query link'
            cand datasets 'List datasets: name, slug, columns, last written'
            cand columns 'List a dataset''s columns: name, type, last written, description'
            cand auth 'Show what the API key can do: team, environment, key type, permissions'
            cand marker 'Add a marker (a deploy, say) to a dataset''s graphs'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tracectl;honeycomb;query'= {
            cand -d 'Dataset to query [env: HONEYCOMB_DATASET]'
            cand --dataset 'Dataset to query [env: HONEYCOMB_DATASET]'
            cand -c 'Calculation: COUNT, CONCURRENCY or OP(column), e.g. ''P99(duration_ms)'' [default: COUNT]'
            cand --calc 'Calculation: COUNT, CONCURRENCY or OP(column), e.g. ''P99(duration_ms)'' [default: COUNT]'
            cand -b 'Break results down by this column (repeatable)'
            cand --breakdown 'Break results down by this column (repeatable)'
            cand -w 'Filter ''COLUMN OP VALUE'', e.g. ''http.status_code >= 500'', ''route in /a,/b'', ''error exists'''
            cand --where 'Filter ''COLUMN OP VALUE'', e.g. ''http.status_code >= 500'', ''route in /a,/b'', ''error exists'''
            cand --order 'Order rows, e.g. ''P99(duration_ms) desc'' or ''http.route asc'' (repeatable)'
            cand --having 'Keep only groups matching, e.g. ''COUNT > 10'' (repeatable)'
            cand -l 'Maximum result rows (at most 1000)'
            cand --limit 'Maximum result rows (at most 1000)'
            cand --since 'Look at the last DUR [default: 2h]'
            cand --start 'Start of the window (a time or a duration ago)'
            cand --end 'End of the window [default: now]'
            cand --granularity 'Time bucket of the series, e.g. 1m'
            cand --spec 'Run a raw query-spec JSON file (or - for stdin) instead of flags'
            cand --timeout 'Give up waiting for the result after this long'
            cand --endpoint-url 'API endpoint, e.g. https://api.eu1.honeycomb.io [env: HONEYCOMB_API_ENDPOINT] [default: https://api.honeycomb.io]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand --any 'Combine filters with OR instead of AND'
            cand --print-spec 'Print the spec that would be sent, and send nothing'
            cand --no-series 'Do not fetch or draw the time series'
            cand --link 'Create the query and print its link in Honeycomb''s UI, which runs it there, instead of running it here (every plan; honeycomb_results = "link" makes it the default)'
            cand --open 'Open the query''s link (its results, or the query to run) in the browser; the link is printed either way'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;honeycomb;datasets'= {
            cand --endpoint-url 'API endpoint, e.g. https://api.eu1.honeycomb.io [env: HONEYCOMB_API_ENDPOINT] [default: https://api.honeycomb.io]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;honeycomb;columns'= {
            cand -d 'Dataset whose columns to list [env: HONEYCOMB_DATASET]'
            cand --dataset 'Dataset whose columns to list [env: HONEYCOMB_DATASET]'
            cand --endpoint-url 'API endpoint, e.g. https://api.eu1.honeycomb.io [env: HONEYCOMB_API_ENDPOINT] [default: https://api.honeycomb.io]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;honeycomb;auth'= {
            cand --endpoint-url 'API endpoint, e.g. https://api.eu1.honeycomb.io [env: HONEYCOMB_API_ENDPOINT] [default: https://api.honeycomb.io]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;honeycomb;marker'= {
            cand -d 'Dataset to mark (`__all__` for the whole environment) [env: HONEYCOMB_DATASET]'
            cand --dataset 'Dataset to mark (`__all__` for the whole environment) [env: HONEYCOMB_DATASET]'
            cand --type 'Marker type, which groups markers by colour'
            cand --url 'A link to show with the marker (a build or a commit)'
            cand --endpoint-url 'API endpoint, e.g. https://api.eu1.honeycomb.io [env: HONEYCOMB_API_ENDPOINT] [default: https://api.honeycomb.io]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;honeycomb;help'= {
            cand query 'Run a query: table of results, a chart per calculation, and the query link'
            cand datasets 'List datasets: name, slug, columns, last written'
            cand columns 'List a dataset''s columns: name, type, last written, description'
            cand auth 'Show what the API key can do: team, environment, key type, permissions'
            cand marker 'Add a marker (a deploy, say) to a dataset''s graphs'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tracectl;honeycomb;help;query'= {
        }
        &'tracectl;honeycomb;help;datasets'= {
        }
        &'tracectl;honeycomb;help;columns'= {
        }
        &'tracectl;honeycomb;help;auth'= {
        }
        &'tracectl;honeycomb;help;marker'= {
        }
        &'tracectl;honeycomb;help;help'= {
        }
        &'tracectl;xray'= {
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --source 'Where traces are read: X-Ray''s indexed trace summaries and BatchGetTraces, the spans Transaction Search keeps in CloudWatch Logs (aws/spans), or auto: spans for what X-Ray does not hold when the account sends them there [env: TRACECTL_XRAY_SOURCE] [default: auto]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand traces 'Summarise the traces of a window: rates, latency percentiles, routes, slowest traces'
            cand trace 'Show one or more traces as a waterfall of segments and subsegments'
            cand services 'Show the service graph: requests, errors, faults and latency per service'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tracectl;xray;traces'= {
            cand --since 'Look at the last DUR [default: 1h]'
            cand --start 'Start of the window (a time or a duration ago)'
            cand --end 'End of the window [default: now]'
            cand --slower-than 'Only traces slower than DUR, e.g. 500ms'
            cand --url-contains 'Only traces whose URL contains TEXT'
            cand --service 'Only traces through the service NAME'
            cand --limit 'Number of traces listed under the summary (0: all)'
            cand --sort 'Which traces to list'
            cand --filter 'An X-Ray filter expression, ANDed with the shorthand flags'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --source 'Where traces are read: X-Ray''s indexed trace summaries and BatchGetTraces, the spans Transaction Search keeps in CloudWatch Logs (aws/spans), or auto: spans for what X-Ray does not hold when the account sends them there [env: TRACECTL_XRAY_SOURCE] [default: auto]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand --errors 'Only traces with errors (4xx)'
            cand --faults 'Only traces with faults (5xx)'
            cand --throttles 'Only throttled traces (429)'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;xray;trace'= {
            cand --retrieval-timeout 'How long to wait for a Transaction Search retrieval (traces X-Ray has not indexed)'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --source 'Where traces are read: X-Ray''s indexed trace summaries and BatchGetTraces, the spans Transaction Search keeps in CloudWatch Logs (aws/spans), or auto: spans for what X-Ray does not hold when the account sends them there [env: TRACECTL_XRAY_SOURCE] [default: auto]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;xray;services'= {
            cand --since 'Look at the last DUR [default: 1h]'
            cand --traces 'From aws/spans: how many of the window''s newest requests the graph is drawn from'
            cand --retrieval-timeout 'From aws/spans: how long to wait for the trace retrievals'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand --source 'Where traces are read: X-Ray''s indexed trace summaries and BatchGetTraces, the spans Transaction Search keeps in CloudWatch Logs (aws/spans), or auto: spans for what X-Ray does not hold when the account sends them there [env: TRACECTL_XRAY_SOURCE] [default: auto]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;xray;help'= {
            cand traces 'Summarise the traces of a window: rates, latency percentiles, routes, slowest traces'
            cand trace 'Show one or more traces as a waterfall of segments and subsegments'
            cand services 'Show the service graph: requests, errors, faults and latency per service'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tracectl;xray;help;traces'= {
        }
        &'tracectl;xray;help;trace'= {
        }
        &'tracectl;xray;help;services'= {
        }
        &'tracectl;xray;help;help'= {
        }
        &'tracectl;logs'= {
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand tail 'Print the events of log groups in time order, and follow new ones with --follow'
            cand groups 'List log groups: name, stored bytes, retention, created'
            cand streams 'List a group''s streams, most recently written first'
            cand query 'Run a CloudWatch Logs Insights query and print the result rows'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tracectl;logs;tail'= {
            cand --since 'Start this long ago, or at this time'
            cand --until 'Stop at this time (a time or a duration ago)'
            cand --filter 'CloudWatch filter pattern, passed to the service (e.g. ERROR or ''{ $.level = "ERROR" }'')'
            cand --stream-prefix 'Only streams whose name starts with PREFIX'
            cand --stream 'Only these streams (repeatable, at most 100)'
            cand --format 'How each event is printed (json is the same as -o json)'
            cand --max-events 'Stop after this many events'
            cand --idle-timeout 'With --follow, stop after this long without a new event'
            cand --poll 'With --follow, how often to poll'
            cand --lag 'With --follow, how far back each poll re-scans for late events [default: learned from the events'' ingestion delay, at least 2m]'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -f 'Keep printing new events until Ctrl-C, --until, --max-events or --idle-timeout'
            cand --follow 'Keep printing new events until Ctrl-C, --until, --max-events or --idle-timeout'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;logs;groups'= {
            cand --prefix 'Only groups whose name starts with PREFIX'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;logs;streams'= {
            cand --prefix 'Only streams whose name starts with PREFIX'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;logs;query'= {
            cand -g 'Log groups to query (repeatable, at most 50)'
            cand --group 'Log groups to query (repeatable, at most 50)'
            cand --since 'Query the last DUR, or from this time'
            cand --until 'End of the window [default: now]'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;logs;help'= {
            cand tail 'Print the events of log groups in time order, and follow new ones with --follow'
            cand groups 'List log groups: name, stored bytes, retention, created'
            cand streams 'List a group''s streams, most recently written first'
            cand query 'Run a CloudWatch Logs Insights query and print the result rows'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tracectl;logs;help;tail'= {
        }
        &'tracectl;logs;help;groups'= {
        }
        &'tracectl;logs;help;streams'= {
        }
        &'tracectl;logs;help;query'= {
        }
        &'tracectl;logs;help;help'= {
        }
        &'tracectl;rollbar'= {
            cand --endpoint-url 'API endpoint [env: ROLLBAR_ENDPOINT] [default: https://api.rollbar.com/api/1/]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand trigger 'Send realistic test errors, synchronously, and print each occurrence''s link'
            cand deploy 'Record a deploy'
            cand items 'List the project''s errors, newest activity first (a token of read scope)'
            cand item 'Show one error: its latest occurrences, frames, request and trace ids'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tracectl;rollbar;trigger'= {
            cand -m 'The error message'
            cand --message 'The error message'
            cand --level 'Severity'
            cand --exception 'Exception class of the trace body'
            cand --count 'Number of occurrences to send (concurrently)'
            cand -e 'Environment [env: ROLLBAR_ENVIRONMENT] [default: development]'
            cand --environment 'Environment [env: ROLLBAR_ENVIRONMENT] [default: development]'
            cand --code-version 'Code version [default: git HEAD when run in a repository]'
            cand --fingerprint 'Group occurrences under this fingerprint'
            cand --title 'Item title shown in Rollbar'
            cand --custom 'Extra data in `custom` (repeatable)'
            cand --timeout 'How long --wait waits'
            cand --endpoint-url 'API endpoint [env: ROLLBAR_ENDPOINT] [default: https://api.rollbar.com/api/1/]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand --message-only 'Send a `message` body instead of an exception trace'
            cand --dry-run 'Print the payload(s) as JSON and send nothing (no token needed)'
            cand --wait 'After sending, wait until Rollbar has processed each occurrence and print its item (needs ROLLBAR_READ_ACCESS_TOKEN)'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;rollbar;deploy'= {
            cand --revision 'Revision deployed [default: git HEAD]'
            cand -e 'Environment [env: ROLLBAR_ENVIRONMENT] [default: development]'
            cand --environment 'Environment [env: ROLLBAR_ENVIRONMENT] [default: development]'
            cand --comment 'A comment shown with the deploy'
            cand --status 'Deploy status'
            cand --user 'Local user who deployed [default: $USER]'
            cand --endpoint-url 'API endpoint [env: ROLLBAR_ENDPOINT] [default: https://api.rollbar.com/api/1/]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;rollbar;items'= {
            cand --since 'Only items with an occurrence since then (a duration ago, or a time)'
            cand --level 'Only this level: critical, error, warning, info or debug'
            cand -e 'Only this environment'
            cand --environment 'Only this environment'
            cand --status 'Which items by status'
            cand -l 'List at most this many'
            cand --limit 'List at most this many'
            cand --endpoint-url 'API endpoint [env: ROLLBAR_ENDPOINT] [default: https://api.rollbar.com/api/1/]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;rollbar;item'= {
            cand --occurrences 'How many of the latest occurrences to show (at most 20)'
            cand --endpoint-url 'API endpoint [env: ROLLBAR_ENDPOINT] [default: https://api.rollbar.com/api/1/]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;rollbar;help'= {
            cand trigger 'Send realistic test errors, synchronously, and print each occurrence''s link'
            cand deploy 'Record a deploy'
            cand items 'List the project''s errors, newest activity first (a token of read scope)'
            cand item 'Show one error: its latest occurrences, frames, request and trace ids'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tracectl;rollbar;help;trigger'= {
        }
        &'tracectl;rollbar;help;deploy'= {
        }
        &'tracectl;rollbar;help;items'= {
        }
        &'tracectl;rollbar;help;item'= {
        }
        &'tracectl;rollbar;help;help'= {
        }
        &'tracectl;tag'= {
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List tags, newest version first; with --remote, whether each is on the remote'
            cand create 'Create a tag (annotated by default)'
            cand push 'Push tags, creating a missing one at HEAD first'
            cand delete 'Delete tags locally and, with --remote, on the remote'
            cand next 'Print the next version after the highest semver tag'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tracectl;tag;list'= {
            cand --remote 'Also ask this remote which tags it has'
            cand --pattern 'Only tags matching GLOB, e.g. ''v1.*'''
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;tag;create'= {
            cand -m 'Tag message [default: Release <NAME>]'
            cand --message 'Tag message [default: Release <NAME>]'
            cand --ref 'What to tag [default: HEAD]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand --lightweight 'Create a lightweight tag (a bare ref, no tagger or message)'
            cand --force 'Replace an existing tag of the same name'
            cand --allow-dirty 'Tag even when the working tree has uncommitted changes'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;tag;push'= {
            cand --remote 'Remote to push to'
            cand -m 'Message for a tag that has to be created [default: Release <NAME>]'
            cand --message 'Message for a tag that has to be created [default: Release <NAME>]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand --all 'Push every local tag'
            cand --force 'Overwrite a remote tag that points elsewhere'
            cand --allow-dirty 'Create a missing tag even when the working tree has uncommitted changes'
            cand --dry-run 'Print what would happen and change nothing'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;tag;delete'= {
            cand --remote 'Delete on this remote too'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;tag;next'= {
            cand --pre 'Make it a prerelease, e.g. --pre rc gives v1.3.0-rc.1'
            cand --prefix 'Tag prefix'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand --major 'Bump the major version'
            cand --minor 'Bump the minor version'
            cand --patch 'Bump the patch version (the default)'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;tag;help'= {
            cand list 'List tags, newest version first; with --remote, whether each is on the remote'
            cand create 'Create a tag (annotated by default)'
            cand push 'Push tags, creating a missing one at HEAD first'
            cand delete 'Delete tags locally and, with --remote, on the remote'
            cand next 'Print the next version after the highest semver tag'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tracectl;tag;help;list'= {
        }
        &'tracectl;tag;help;create'= {
        }
        &'tracectl;tag;help;push'= {
        }
        &'tracectl;tag;help;delete'= {
        }
        &'tracectl;tag;help;next'= {
        }
        &'tracectl;tag;help;help'= {
        }
        &'tracectl;doctor'= {
            cand --env-file 'Check the app''s variables from this file (KEY=value lines, as dotenv and docker compose read them) instead of this shell''s environment'
            cand --remote 'The git remote checked'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand --send-test 'Post one test item (level debug) to Rollbar, proving the token may write'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;trace'= {
            cand -g 'Log groups to search for the trace''s lines (repeatable; the variable comma-separated) [env: TRACECTL_LOG_GROUPS]'
            cand --log-group 'Log groups to search for the trace''s lines (repeatable; the variable comma-separated) [env: TRACECTL_LOG_GROUPS]'
            cand --margin 'How far before and after the trace''s spans to look for its log lines'
            cand -d 'Honeycomb dataset to query [env: HONEYCOMB_DATASET]'
            cand --dataset 'Honeycomb dataset to query [env: HONEYCOMB_DATASET]'
            cand --db 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;ui'= {
            cand --source 'Where the traces come from'
            cand --since 'The window shown first (w changes it)'
            cand --refresh 'How often the screen is read again [default: 500ms local, 30s X-Ray and aws/spans]'
            cand --db 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;mcp'= {
            cand --db 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]'
            cand --region 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]'
            cand --endpoint-url 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand --allow-write 'Also offer the tools that change things elsewhere: rollbar_trigger and honeycomb_marker (tag pushes and releases are never offered)'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;release'= {
            cand -e 'Environment of the Rollbar deploy [env: ROLLBAR_ENVIRONMENT] [default: development]'
            cand --environment 'Environment of the Rollbar deploy [env: ROLLBAR_ENVIRONMENT] [default: development]'
            cand --comment 'A comment shown with the Rollbar deploy'
            cand --remote 'Remote the tag is pushed to'
            cand -d 'Honeycomb dataset to mark [default: __all__, the whole environment] [env: HONEYCOMB_DATASET]'
            cand --dataset 'Honeycomb dataset to mark [default: __all__, the whole environment] [env: HONEYCOMB_DATASET]'
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand --allow-dirty 'Create the tag even when the working tree has uncommitted changes'
            cand --dry-run 'Print every request and change nothing'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;config'= {
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Print the effective settings and their source (flag, env, file, default); secrets masked'
            cand path 'Print the path of the config file'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tracectl;config;show'= {
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;config;path'= {
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;config;help'= {
            cand show 'Print the effective settings and their source (flag, env, file, default); secrets masked'
            cand path 'Print the path of the config file'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tracectl;config;help;show'= {
        }
        &'tracectl;config;help;path'= {
        }
        &'tracectl;config;help;help'= {
        }
        &'tracectl;completions'= {
            cand -o 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --output 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]'
            cand --color 'When to use colour; `auto` means only on a terminal and without NO_COLOR'
            cand --profile 'Profile of the config file to use [env: TRACECTL_PROFILE]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]'
            cand -q 'Print data and errors only: no status lines, hints or progress'
            cand --quiet 'Print data and errors only: no status lines, hints or progress'
            cand -v 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --verbose 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
            cand --utc 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tracectl;help'= {
            cand local 'Collect traces on this machine, no cloud account needed: OTLP and the X-Ray daemon protocol'
            cand honeycomb 'Run Honeycomb queries; list datasets and columns; check the key; add markers'
            cand xray 'Summarise AWS X-Ray traces, show one trace as a waterfall, show the service graph'
            cand logs 'Tail CloudWatch log groups, list groups and streams, run Logs Insights queries'
            cand rollbar 'Send realistic test errors to Rollbar, read errors back, and record deploys'
            cand tag 'Manage git release tags: list, create, push, delete, next version'
            cand doctor 'Check every integration and the app''s telemetry settings: one row per check'
            cand trace 'Look a trace id up everywhere: local store, X-Ray, Honeycomb, and its log lines'
            cand ui 'Explore traces, their spans, log lines and errors in a live terminal UI'
            cand mcp 'Serve the views as Model Context Protocol tools on stdin/stdout, for coding agents'
            cand release 'Release a version: push its tag, record a Rollbar deploy, add a Honeycomb marker'
            cand config 'Show the effective configuration and where each value comes from'
            cand completions 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tracectl;help;local'= {
            cand listen 'Stand in for the X-Ray daemon, an OpenTelemetry collector, CloudWatch Logs and Rollbar: receive spans (OTLP, X-Ray), logs (OTLP, Watchtower) and errors (pyrollbar), store them in SQLite, print each request'
            cand traces 'Summarise the stored requests of a window, as `xray traces` does: rates, latency percentiles, routes, slowest traces'
            cand trace 'Show stored traces as a waterfall, as `xray trace` does, with their log lines and errors under the spans'
            cand logs 'Print the stored log lines, as `logs tail` does; -f follows new ones'
            cand errors 'List the stored errors, grouped as Rollbar groups them'
            cand error 'Show one stored error: its traceback, request and trace'
            cand services 'Show the service graph of the stored spans, as `xray services` does'
            cand query 'Run a query over the stored spans with the flags of `honeycomb query`'
            cand stats 'Show what the database holds: size, spans and traces by service, log lines, errors, time range'
            cand prune 'Delete old spans, log lines and errors now (`local listen --retain` does it while running)'
        }
        &'tracectl;help;local;listen'= {
        }
        &'tracectl;help;local;traces'= {
        }
        &'tracectl;help;local;trace'= {
        }
        &'tracectl;help;local;logs'= {
        }
        &'tracectl;help;local;errors'= {
        }
        &'tracectl;help;local;error'= {
        }
        &'tracectl;help;local;services'= {
        }
        &'tracectl;help;local;query'= {
        }
        &'tracectl;help;local;stats'= {
        }
        &'tracectl;help;local;prune'= {
        }
        &'tracectl;help;honeycomb'= {
            cand query 'Run a query: table of results, a chart per calculation, and the query link'
            cand datasets 'List datasets: name, slug, columns, last written'
            cand columns 'List a dataset''s columns: name, type, last written, description'
            cand auth 'Show what the API key can do: team, environment, key type, permissions'
            cand marker 'Add a marker (a deploy, say) to a dataset''s graphs'
        }
        &'tracectl;help;honeycomb;query'= {
        }
        &'tracectl;help;honeycomb;datasets'= {
        }
        &'tracectl;help;honeycomb;columns'= {
        }
        &'tracectl;help;honeycomb;auth'= {
        }
        &'tracectl;help;honeycomb;marker'= {
        }
        &'tracectl;help;xray'= {
            cand traces 'Summarise the traces of a window: rates, latency percentiles, routes, slowest traces'
            cand trace 'Show one or more traces as a waterfall of segments and subsegments'
            cand services 'Show the service graph: requests, errors, faults and latency per service'
        }
        &'tracectl;help;xray;traces'= {
        }
        &'tracectl;help;xray;trace'= {
        }
        &'tracectl;help;xray;services'= {
        }
        &'tracectl;help;logs'= {
            cand tail 'Print the events of log groups in time order, and follow new ones with --follow'
            cand groups 'List log groups: name, stored bytes, retention, created'
            cand streams 'List a group''s streams, most recently written first'
            cand query 'Run a CloudWatch Logs Insights query and print the result rows'
        }
        &'tracectl;help;logs;tail'= {
        }
        &'tracectl;help;logs;groups'= {
        }
        &'tracectl;help;logs;streams'= {
        }
        &'tracectl;help;logs;query'= {
        }
        &'tracectl;help;rollbar'= {
            cand trigger 'Send realistic test errors, synchronously, and print each occurrence''s link'
            cand deploy 'Record a deploy'
            cand items 'List the project''s errors, newest activity first (a token of read scope)'
            cand item 'Show one error: its latest occurrences, frames, request and trace ids'
        }
        &'tracectl;help;rollbar;trigger'= {
        }
        &'tracectl;help;rollbar;deploy'= {
        }
        &'tracectl;help;rollbar;items'= {
        }
        &'tracectl;help;rollbar;item'= {
        }
        &'tracectl;help;tag'= {
            cand list 'List tags, newest version first; with --remote, whether each is on the remote'
            cand create 'Create a tag (annotated by default)'
            cand push 'Push tags, creating a missing one at HEAD first'
            cand delete 'Delete tags locally and, with --remote, on the remote'
            cand next 'Print the next version after the highest semver tag'
        }
        &'tracectl;help;tag;list'= {
        }
        &'tracectl;help;tag;create'= {
        }
        &'tracectl;help;tag;push'= {
        }
        &'tracectl;help;tag;delete'= {
        }
        &'tracectl;help;tag;next'= {
        }
        &'tracectl;help;doctor'= {
        }
        &'tracectl;help;trace'= {
        }
        &'tracectl;help;ui'= {
        }
        &'tracectl;help;mcp'= {
        }
        &'tracectl;help;release'= {
        }
        &'tracectl;help;config'= {
            cand show 'Print the effective settings and their source (flag, env, file, default); secrets masked'
            cand path 'Print the path of the config file'
        }
        &'tracectl;help;config;show'= {
        }
        &'tracectl;help;config;path'= {
        }
        &'tracectl;help;completions'= {
        }
        &'tracectl;help;help'= {
        }
    ]
    $completions[$command]
}
