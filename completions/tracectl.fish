# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_tracectl_global_optspecs
    string join \n o/output= color= q/quiet v/verbose profile= config= utc h/help V/version
end

function __fish_tracectl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_tracectl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_tracectl_using_subcommand
    set -l cmd (__fish_tracectl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c tracectl -n "__fish_tracectl_needs_command" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_needs_command" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_needs_command" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_needs_command" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_needs_command" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_needs_command" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_needs_command" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_needs_command" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_needs_command" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_needs_command" -f -a "local" -d 'Collect traces on this machine, no cloud account needed: OTLP and the X-Ray daemon protocol'
complete -c tracectl -n "__fish_tracectl_needs_command" -f -a "honeycomb" -d 'Run Honeycomb queries; list datasets and columns; check the key; add markers'
complete -c tracectl -n "__fish_tracectl_needs_command" -f -a "xray" -d 'Summarise AWS X-Ray traces, show one trace as a waterfall, show the service graph'
complete -c tracectl -n "__fish_tracectl_needs_command" -f -a "logs" -d 'Tail CloudWatch log groups, list groups and streams, run Logs Insights queries'
complete -c tracectl -n "__fish_tracectl_needs_command" -f -a "rollbar" -d 'Send realistic test errors to Rollbar, read errors back, and record deploys'
complete -c tracectl -n "__fish_tracectl_needs_command" -f -a "tag" -d 'Manage git release tags: list, create, push, delete, next version'
complete -c tracectl -n "__fish_tracectl_needs_command" -f -a "doctor" -d 'Check every integration and the app\'s telemetry settings: one row per check'
complete -c tracectl -n "__fish_tracectl_needs_command" -f -a "trace" -d 'Look a trace id up everywhere: local store, X-Ray, Honeycomb, and its log lines'
complete -c tracectl -n "__fish_tracectl_needs_command" -f -a "ui" -d 'Explore traces, their spans, log lines and errors in a live terminal UI'
complete -c tracectl -n "__fish_tracectl_needs_command" -f -a "mcp" -d 'Serve the views as Model Context Protocol tools on stdin/stdout, for coding agents'
complete -c tracectl -n "__fish_tracectl_needs_command" -f -a "release" -d 'Release a version: push its tag, record a Rollbar deploy, add a Honeycomb marker'
complete -c tracectl -n "__fish_tracectl_needs_command" -f -a "config" -d 'Show the effective configuration and where each value comes from'
complete -c tracectl -n "__fish_tracectl_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c tracectl -n "__fish_tracectl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -f -a "listen" -d 'Stand in for the X-Ray daemon, an OpenTelemetry collector, CloudWatch Logs and Rollbar: receive spans (OTLP, X-Ray), logs (OTLP, Watchtower) and errors (pyrollbar), store them in SQLite, print each request'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -f -a "traces" -d 'Summarise the stored requests of a window, as `xray traces` does: rates, latency percentiles, routes, slowest traces'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -f -a "trace" -d 'Show stored traces as a waterfall, as `xray trace` does, with their log lines and errors under the spans'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -f -a "logs" -d 'Print the stored log lines, as `logs tail` does; -f follows new ones'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -f -a "errors" -d 'List the stored errors, grouped as Rollbar groups them'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -f -a "error" -d 'Show one stored error: its traceback, request and trace'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -f -a "services" -d 'Show the service graph of the stored spans, as `xray services` does'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -f -a "query" -d 'Run a query over the stored spans with the flags of `honeycomb query`'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -f -a "stats" -d 'Show what the database holds: size, spans and traces by service, log lines, errors, time range'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -f -a "prune" -d 'Delete old spans, log lines and errors now (`local listen --retain` does it while running)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and not __fish_seen_subcommand_from listen traces trace logs errors error services query stats prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -l otlp-http -d 'OTLP over HTTP on ADDR, or `off` [env: TRACECTL_LOCAL_OTLP_HTTP] [default: 127.0.0.1:4318]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -l otlp-grpc -d 'OTLP over gRPC on ADDR, or `off` [env: TRACECTL_LOCAL_OTLP_GRPC] [default: 127.0.0.1:4317]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -l xray -d 'The X-Ray daemon\'s address (UDP segments, TCP sampling), or `off` [env: TRACECTL_LOCAL_XRAY] [default: 127.0.0.1:2000]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -l cloudwatch-logs -d 'Stand in for CloudWatch Logs (Watchtower, boto3) on ADDR, or `off`; signatures are not checked [env: TRACECTL_LOCAL_CLOUDWATCH_LOGS] [default: 127.0.0.1:4320]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -l rollbar -d 'Stand in for Rollbar (pyrollbar\'s endpoint http://ADDR/api/1/) on ADDR, or `off` [env: TRACECTL_LOCAL_ROLLBAR] [default: 127.0.0.1:4321]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -l db -d 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -l retain -d 'Delete spans older than this while running [env: TRACECTL_LOCAL_RETAIN] [default: 7d]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -l forward-otlp -d 'Also send OTLP spans to this OTLP/HTTP endpoint (e.g. https://api.honeycomb.io)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -l forward-header -d 'A header for --forward-otlp, e.g. x-honeycomb-team=KEY (repeatable; values are never shown)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -l no-otlp-http -d 'Do not receive OTLP over HTTP'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -l no-otlp-grpc -d 'Do not receive OTLP over gRPC'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -l no-xray -d 'Do not stand in for the X-Ray daemon'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -l forward-xray -d 'Also send X-Ray segments to X-Ray (PutTraceSegments, with the AWS settings of `xray`)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from listen" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -l since -d 'Look at the last DUR [default: 1h]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -l start -d 'Start of the window (a time or a duration ago)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -l end -d 'End of the window [default: now]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -l slower-than -d 'Only traces slower than DUR, e.g. 500ms' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -l url-contains -d 'Only traces whose URL contains TEXT' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -l service -d 'Only traces through the service NAME' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -l limit -d 'Number of traces listed under the summary (0: all)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -l sort -d 'Which traces to list' -r -f -a "slowest\t''
newest\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -l db -d 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -l errors -d 'Only traces with errors (4xx)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -l faults -d 'Only traces with faults (5xx)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -l throttles -d 'Only throttled traces (429)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from traces" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from trace" -l db -d 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from trace" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from trace" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from trace" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from trace" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from trace" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from trace" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from trace" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from trace" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from trace" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from trace" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from trace" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -l since -d 'Start this long ago, or at this time [default: 1h; with --trace, all]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -l trace -d 'Only the lines of this trace (W3C or X-Ray id)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -l service -d 'Only lines from this service (OTLP\'s service.name)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -l group -d 'Only lines sent to this log group (the CloudWatch Logs stand-in)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -l level -d 'Only lines at least this severe: trace, debug, info, warn, error, fatal' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -l grep -d 'Only lines whose message contains TEXT (case-sensitive)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -l format -d 'How each line is printed (json is the same as -o json)' -r -f -a "short\t'time, stream, message'
detailed\t'time, group, stream, event id, message'
json\t'one JSON object per line'
raw\t'the message alone'"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -l db -d 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Keep printing new lines as they are stored, until Ctrl-C'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from errors" -l since -d 'Only occurrences since then (a duration ago, or a time) [default: all]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from errors" -s e -l environment -d 'Only this environment' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from errors" -l level -d 'Only this level: critical, error, warning, info or debug' -r -f -a "critical\t''
error\t''
warning\t''
info\t''
debug\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from errors" -s l -l limit -d 'List at most this many' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from errors" -l db -d 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from errors" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from errors" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from errors" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from errors" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from errors" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from errors" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from errors" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from errors" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from errors" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from errors" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from errors" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from error" -l db -d 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from error" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from error" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from error" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from error" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from error" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from error" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from error" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from error" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from error" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from error" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from error" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from services" -l since -d 'Look at the last DUR [default: 1h]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from services" -l db -d 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from services" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from services" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from services" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from services" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from services" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from services" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from services" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from services" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from services" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from services" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from services" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -s c -l calc -d 'Calculation: COUNT, CONCURRENCY or OP(column), e.g. \'P99(duration_ms)\' [default: COUNT]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -s b -l breakdown -d 'Break results down by this column (repeatable)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -s w -l where -d 'Filter \'COLUMN OP VALUE\', e.g. \'http.status_code >= 500\', \'route in /a,/b\', \'error exists\'' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -l order -d 'Order rows, e.g. \'P99(duration_ms) desc\' or \'http.route asc\' (repeatable)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -l having -d 'Keep only groups matching, e.g. \'COUNT > 10\' (repeatable)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -s l -l limit -d 'Maximum result rows (at most 1000)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -l since -d 'Look at the last DUR [default: 2h]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -l start -d 'Start of the window (a time or a duration ago)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -l end -d 'End of the window [default: now]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -l granularity -d 'Time bucket of the series, e.g. 1m' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -l db -d 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -l any -d 'Combine filters with OR instead of AND'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -l print-spec -d 'Print the spec that would be sent, and send nothing'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -l no-series -d 'Do not compute or draw the time series'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from query" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from stats" -l db -d 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from stats" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from stats" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from stats" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from stats" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from stats" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from stats" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from stats" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from stats" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from stats" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from stats" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from prune" -l older-than -d 'Delete spans, log lines and errors from longer ago than this [default: the retention, 7d]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from prune" -l db -d 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from prune" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from prune" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from prune" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from prune" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from prune" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from prune" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from prune" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from prune" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from prune" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from help" -f -a "listen" -d 'Stand in for the X-Ray daemon, an OpenTelemetry collector, CloudWatch Logs and Rollbar: receive spans (OTLP, X-Ray), logs (OTLP, Watchtower) and errors (pyrollbar), store them in SQLite, print each request'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from help" -f -a "traces" -d 'Summarise the stored requests of a window, as `xray traces` does: rates, latency percentiles, routes, slowest traces'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from help" -f -a "trace" -d 'Show stored traces as a waterfall, as `xray trace` does, with their log lines and errors under the spans'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Print the stored log lines, as `logs tail` does; -f follows new ones'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from help" -f -a "errors" -d 'List the stored errors, grouped as Rollbar groups them'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from help" -f -a "error" -d 'Show one stored error: its traceback, request and trace'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from help" -f -a "services" -d 'Show the service graph of the stored spans, as `xray services` does'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from help" -f -a "query" -d 'Run a query over the stored spans with the flags of `honeycomb query`'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Show what the database holds: size, spans and traces by service, log lines, errors, time range'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Delete old spans, log lines and errors now (`local listen --retain` does it while running)'
complete -c tracectl -n "__fish_tracectl_using_subcommand local; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and not __fish_seen_subcommand_from query datasets columns auth marker help" -l endpoint-url -d 'API endpoint, e.g. https://api.eu1.honeycomb.io [env: HONEYCOMB_API_ENDPOINT] [default: https://api.honeycomb.io]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and not __fish_seen_subcommand_from query datasets columns auth marker help" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and not __fish_seen_subcommand_from query datasets columns auth marker help" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and not __fish_seen_subcommand_from query datasets columns auth marker help" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and not __fish_seen_subcommand_from query datasets columns auth marker help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and not __fish_seen_subcommand_from query datasets columns auth marker help" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and not __fish_seen_subcommand_from query datasets columns auth marker help" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and not __fish_seen_subcommand_from query datasets columns auth marker help" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and not __fish_seen_subcommand_from query datasets columns auth marker help" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and not __fish_seen_subcommand_from query datasets columns auth marker help" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and not __fish_seen_subcommand_from query datasets columns auth marker help" -f -a "query" -d 'Run a query: table of results, a chart per calculation, and the query link'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and not __fish_seen_subcommand_from query datasets columns auth marker help" -f -a "datasets" -d 'List datasets: name, slug, columns, last written'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and not __fish_seen_subcommand_from query datasets columns auth marker help" -f -a "columns" -d 'List a dataset\'s columns: name, type, last written, description'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and not __fish_seen_subcommand_from query datasets columns auth marker help" -f -a "auth" -d 'Show what the API key can do: team, environment, key type, permissions'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and not __fish_seen_subcommand_from query datasets columns auth marker help" -f -a "marker" -d 'Add a marker (a deploy, say) to a dataset\'s graphs'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and not __fish_seen_subcommand_from query datasets columns auth marker help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -s d -l dataset -d 'Dataset to query [env: HONEYCOMB_DATASET]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -s c -l calc -d 'Calculation: COUNT, CONCURRENCY or OP(column), e.g. \'P99(duration_ms)\' [default: COUNT]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -s b -l breakdown -d 'Break results down by this column (repeatable)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -s w -l where -d 'Filter \'COLUMN OP VALUE\', e.g. \'http.status_code >= 500\', \'route in /a,/b\', \'error exists\'' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -l order -d 'Order rows, e.g. \'P99(duration_ms) desc\' or \'http.route asc\' (repeatable)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -l having -d 'Keep only groups matching, e.g. \'COUNT > 10\' (repeatable)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -s l -l limit -d 'Maximum result rows (at most 1000)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -l since -d 'Look at the last DUR [default: 2h]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -l start -d 'Start of the window (a time or a duration ago)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -l end -d 'End of the window [default: now]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -l granularity -d 'Time bucket of the series, e.g. 1m' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -l spec -d 'Run a raw query-spec JSON file (or - for stdin) instead of flags' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -l timeout -d 'Give up waiting for the result after this long' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -l endpoint-url -d 'API endpoint, e.g. https://api.eu1.honeycomb.io [env: HONEYCOMB_API_ENDPOINT] [default: https://api.honeycomb.io]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -l any -d 'Combine filters with OR instead of AND'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -l print-spec -d 'Print the spec that would be sent, and send nothing'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -l no-series -d 'Do not fetch or draw the time series'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -l link -d 'Create the query and print its link in Honeycomb\'s UI, which runs it there, instead of running it here (every plan; honeycomb_results = "link" makes it the default)'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -l open -d 'Open the query\'s link (its results, or the query to run) in the browser; the link is printed either way'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from query" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -l endpoint-url -d 'API endpoint, e.g. https://api.eu1.honeycomb.io [env: HONEYCOMB_API_ENDPOINT] [default: https://api.honeycomb.io]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from datasets" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from columns" -s d -l dataset -d 'Dataset whose columns to list [env: HONEYCOMB_DATASET]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from columns" -l endpoint-url -d 'API endpoint, e.g. https://api.eu1.honeycomb.io [env: HONEYCOMB_API_ENDPOINT] [default: https://api.honeycomb.io]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from columns" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from columns" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from columns" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from columns" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from columns" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from columns" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from columns" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from columns" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from columns" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from auth" -l endpoint-url -d 'API endpoint, e.g. https://api.eu1.honeycomb.io [env: HONEYCOMB_API_ENDPOINT] [default: https://api.honeycomb.io]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from auth" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from auth" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from auth" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from auth" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from auth" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from auth" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from auth" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from auth" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from auth" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -s d -l dataset -d 'Dataset to mark (`__all__` for the whole environment) [env: HONEYCOMB_DATASET]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -l type -d 'Marker type, which groups markers by colour' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -l url -d 'A link to show with the marker (a build or a commit)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -l endpoint-url -d 'API endpoint, e.g. https://api.eu1.honeycomb.io [env: HONEYCOMB_API_ENDPOINT] [default: https://api.honeycomb.io]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from marker" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from help" -f -a "query" -d 'Run a query: table of results, a chart per calculation, and the query link'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from help" -f -a "datasets" -d 'List datasets: name, slug, columns, last written'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from help" -f -a "columns" -d 'List a dataset\'s columns: name, type, last written, description'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from help" -f -a "auth" -d 'Show what the API key can do: team, environment, key type, permissions'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from help" -f -a "marker" -d 'Add a marker (a deploy, say) to a dataset\'s graphs'
complete -c tracectl -n "__fish_tracectl_using_subcommand honeycomb; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and not __fish_seen_subcommand_from traces trace services help" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and not __fish_seen_subcommand_from traces trace services help" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and not __fish_seen_subcommand_from traces trace services help" -l source -d 'Where traces are read: X-Ray\'s indexed trace summaries and BatchGetTraces, the spans Transaction Search keeps in CloudWatch Logs (aws/spans), or auto: spans for what X-Ray does not hold when the account sends them there [env: TRACECTL_XRAY_SOURCE] [default: auto]' -r -f -a "summaries\t''
spans\t''
auto\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and not __fish_seen_subcommand_from traces trace services help" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and not __fish_seen_subcommand_from traces trace services help" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and not __fish_seen_subcommand_from traces trace services help" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and not __fish_seen_subcommand_from traces trace services help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and not __fish_seen_subcommand_from traces trace services help" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and not __fish_seen_subcommand_from traces trace services help" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and not __fish_seen_subcommand_from traces trace services help" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and not __fish_seen_subcommand_from traces trace services help" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and not __fish_seen_subcommand_from traces trace services help" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and not __fish_seen_subcommand_from traces trace services help" -f -a "traces" -d 'Summarise the traces of a window: rates, latency percentiles, routes, slowest traces'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and not __fish_seen_subcommand_from traces trace services help" -f -a "trace" -d 'Show one or more traces as a waterfall of segments and subsegments'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and not __fish_seen_subcommand_from traces trace services help" -f -a "services" -d 'Show the service graph: requests, errors, faults and latency per service'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and not __fish_seen_subcommand_from traces trace services help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -l since -d 'Look at the last DUR [default: 1h]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -l start -d 'Start of the window (a time or a duration ago)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -l end -d 'End of the window [default: now]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -l slower-than -d 'Only traces slower than DUR, e.g. 500ms' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -l url-contains -d 'Only traces whose URL contains TEXT' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -l service -d 'Only traces through the service NAME' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -l limit -d 'Number of traces listed under the summary (0: all)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -l sort -d 'Which traces to list' -r -f -a "slowest\t''
newest\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -l filter -d 'An X-Ray filter expression, ANDed with the shorthand flags' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -l source -d 'Where traces are read: X-Ray\'s indexed trace summaries and BatchGetTraces, the spans Transaction Search keeps in CloudWatch Logs (aws/spans), or auto: spans for what X-Ray does not hold when the account sends them there [env: TRACECTL_XRAY_SOURCE] [default: auto]' -r -f -a "summaries\t''
spans\t''
auto\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -l errors -d 'Only traces with errors (4xx)'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -l faults -d 'Only traces with faults (5xx)'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -l throttles -d 'Only throttled traces (429)'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from traces" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from trace" -l retrieval-timeout -d 'How long to wait for a Transaction Search retrieval (traces X-Ray has not indexed)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from trace" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from trace" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from trace" -l source -d 'Where traces are read: X-Ray\'s indexed trace summaries and BatchGetTraces, the spans Transaction Search keeps in CloudWatch Logs (aws/spans), or auto: spans for what X-Ray does not hold when the account sends them there [env: TRACECTL_XRAY_SOURCE] [default: auto]' -r -f -a "summaries\t''
spans\t''
auto\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from trace" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from trace" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from trace" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from trace" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from trace" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from trace" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from trace" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from trace" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from trace" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from services" -l since -d 'Look at the last DUR [default: 1h]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from services" -l traces -d 'From aws/spans: how many of the window\'s newest requests the graph is drawn from' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from services" -l retrieval-timeout -d 'From aws/spans: how long to wait for the trace retrievals' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from services" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from services" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from services" -l source -d 'Where traces are read: X-Ray\'s indexed trace summaries and BatchGetTraces, the spans Transaction Search keeps in CloudWatch Logs (aws/spans), or auto: spans for what X-Ray does not hold when the account sends them there [env: TRACECTL_XRAY_SOURCE] [default: auto]' -r -f -a "summaries\t''
spans\t''
auto\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from services" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from services" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from services" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from services" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from services" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from services" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from services" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from services" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from services" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from help" -f -a "traces" -d 'Summarise the traces of a window: rates, latency percentiles, routes, slowest traces'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from help" -f -a "trace" -d 'Show one or more traces as a waterfall of segments and subsegments'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from help" -f -a "services" -d 'Show the service graph: requests, errors, faults and latency per service'
complete -c tracectl -n "__fish_tracectl_using_subcommand xray; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and not __fish_seen_subcommand_from tail groups streams query help" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and not __fish_seen_subcommand_from tail groups streams query help" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and not __fish_seen_subcommand_from tail groups streams query help" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and not __fish_seen_subcommand_from tail groups streams query help" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and not __fish_seen_subcommand_from tail groups streams query help" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and not __fish_seen_subcommand_from tail groups streams query help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and not __fish_seen_subcommand_from tail groups streams query help" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and not __fish_seen_subcommand_from tail groups streams query help" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and not __fish_seen_subcommand_from tail groups streams query help" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and not __fish_seen_subcommand_from tail groups streams query help" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and not __fish_seen_subcommand_from tail groups streams query help" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and not __fish_seen_subcommand_from tail groups streams query help" -f -a "tail" -d 'Print the events of log groups in time order, and follow new ones with --follow'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and not __fish_seen_subcommand_from tail groups streams query help" -f -a "groups" -d 'List log groups: name, stored bytes, retention, created'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and not __fish_seen_subcommand_from tail groups streams query help" -f -a "streams" -d 'List a group\'s streams, most recently written first'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and not __fish_seen_subcommand_from tail groups streams query help" -f -a "query" -d 'Run a CloudWatch Logs Insights query and print the result rows'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and not __fish_seen_subcommand_from tail groups streams query help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -l since -d 'Start this long ago, or at this time' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -l until -d 'Stop at this time (a time or a duration ago)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -l filter -d 'CloudWatch filter pattern, passed to the service (e.g. ERROR or \'{ $.level = "ERROR" }\')' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -l stream-prefix -d 'Only streams whose name starts with PREFIX' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -l stream -d 'Only these streams (repeatable, at most 100)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -l format -d 'How each event is printed (json is the same as -o json)' -r -f -a "short\t'time, stream, message'
detailed\t'time, group, stream, event id, message'
json\t'one JSON object per line'
raw\t'the message alone'"
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -l max-events -d 'Stop after this many events' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -l idle-timeout -d 'With --follow, stop after this long without a new event' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -l poll -d 'With --follow, how often to poll' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -l lag -d 'With --follow, how far back each poll re-scans for late events [default: learned from the events\' ingestion delay, at least 2m]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -s f -l follow -d 'Keep printing new events until Ctrl-C, --until, --max-events or --idle-timeout'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from tail" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from groups" -l prefix -d 'Only groups whose name starts with PREFIX' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from groups" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from groups" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from groups" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from groups" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from groups" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from groups" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from groups" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from groups" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from groups" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from groups" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from groups" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from streams" -l prefix -d 'Only streams whose name starts with PREFIX' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from streams" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from streams" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from streams" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from streams" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from streams" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from streams" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from streams" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from streams" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from streams" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from streams" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from streams" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from query" -s g -l group -d 'Log groups to query (repeatable, at most 50)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from query" -l since -d 'Query the last DUR, or from this time' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from query" -l until -d 'End of the window [default: now]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from query" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from query" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from query" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from query" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from query" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from query" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from query" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from query" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from query" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from query" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from query" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from help" -f -a "tail" -d 'Print the events of log groups in time order, and follow new ones with --follow'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from help" -f -a "groups" -d 'List log groups: name, stored bytes, retention, created'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from help" -f -a "streams" -d 'List a group\'s streams, most recently written first'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from help" -f -a "query" -d 'Run a CloudWatch Logs Insights query and print the result rows'
complete -c tracectl -n "__fish_tracectl_using_subcommand logs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and not __fish_seen_subcommand_from trigger deploy items item help" -l endpoint-url -d 'API endpoint [env: ROLLBAR_ENDPOINT] [default: https://api.rollbar.com/api/1/]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and not __fish_seen_subcommand_from trigger deploy items item help" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and not __fish_seen_subcommand_from trigger deploy items item help" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and not __fish_seen_subcommand_from trigger deploy items item help" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and not __fish_seen_subcommand_from trigger deploy items item help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and not __fish_seen_subcommand_from trigger deploy items item help" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and not __fish_seen_subcommand_from trigger deploy items item help" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and not __fish_seen_subcommand_from trigger deploy items item help" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and not __fish_seen_subcommand_from trigger deploy items item help" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and not __fish_seen_subcommand_from trigger deploy items item help" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and not __fish_seen_subcommand_from trigger deploy items item help" -f -a "trigger" -d 'Send realistic test errors, synchronously, and print each occurrence\'s link'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and not __fish_seen_subcommand_from trigger deploy items item help" -f -a "deploy" -d 'Record a deploy'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and not __fish_seen_subcommand_from trigger deploy items item help" -f -a "items" -d 'List the project\'s errors, newest activity first (a token of read scope)'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and not __fish_seen_subcommand_from trigger deploy items item help" -f -a "item" -d 'Show one error: its latest occurrences, frames, request and trace ids'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and not __fish_seen_subcommand_from trigger deploy items item help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -s m -l message -d 'The error message' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -l level -d 'Severity' -r -f -a "critical\t''
error\t''
warning\t''
info\t''
debug\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -l exception -d 'Exception class of the trace body' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -l count -d 'Number of occurrences to send (concurrently)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -s e -l environment -d 'Environment [env: ROLLBAR_ENVIRONMENT] [default: development]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -l code-version -d 'Code version [default: git HEAD when run in a repository]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -l fingerprint -d 'Group occurrences under this fingerprint' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -l title -d 'Item title shown in Rollbar' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -l custom -d 'Extra data in `custom` (repeatable)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -l timeout -d 'How long --wait waits' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -l endpoint-url -d 'API endpoint [env: ROLLBAR_ENDPOINT] [default: https://api.rollbar.com/api/1/]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -l message-only -d 'Send a `message` body instead of an exception trace'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -l dry-run -d 'Print the payload(s) as JSON and send nothing (no token needed)'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -l wait -d 'After sending, wait until Rollbar has processed each occurrence and print its item (needs ROLLBAR_READ_ACCESS_TOKEN)'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from trigger" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l revision -d 'Revision deployed [default: git HEAD]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -s e -l environment -d 'Environment [env: ROLLBAR_ENVIRONMENT] [default: development]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l comment -d 'A comment shown with the deploy' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l status -d 'Deploy status' -r -f -a "started\t''
succeeded\t''
failed\t''
timed_out\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l user -d 'Local user who deployed [default: $USER]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l endpoint-url -d 'API endpoint [env: ROLLBAR_ENDPOINT] [default: https://api.rollbar.com/api/1/]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from deploy" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from items" -l since -d 'Only items with an occurrence since then (a duration ago, or a time)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from items" -l level -d 'Only this level: critical, error, warning, info or debug' -r -f -a "critical\t''
error\t''
warning\t''
info\t''
debug\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from items" -s e -l environment -d 'Only this environment' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from items" -l status -d 'Which items by status' -r -f -a "active\t''
resolved\t''
muted\t''
all\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from items" -s l -l limit -d 'List at most this many' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from items" -l endpoint-url -d 'API endpoint [env: ROLLBAR_ENDPOINT] [default: https://api.rollbar.com/api/1/]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from items" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from items" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from items" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from items" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from items" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from items" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from items" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from items" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from items" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from item" -l occurrences -d 'How many of the latest occurrences to show (at most 20)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from item" -l endpoint-url -d 'API endpoint [env: ROLLBAR_ENDPOINT] [default: https://api.rollbar.com/api/1/]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from item" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from item" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from item" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from item" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from item" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from item" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from item" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from item" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from item" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from help" -f -a "trigger" -d 'Send realistic test errors, synchronously, and print each occurrence\'s link'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from help" -f -a "deploy" -d 'Record a deploy'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from help" -f -a "items" -d 'List the project\'s errors, newest activity first (a token of read scope)'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from help" -f -a "item" -d 'Show one error: its latest occurrences, frames, request and trace ids'
complete -c tracectl -n "__fish_tracectl_using_subcommand rollbar; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and not __fish_seen_subcommand_from list create push delete next help" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and not __fish_seen_subcommand_from list create push delete next help" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and not __fish_seen_subcommand_from list create push delete next help" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and not __fish_seen_subcommand_from list create push delete next help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and not __fish_seen_subcommand_from list create push delete next help" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and not __fish_seen_subcommand_from list create push delete next help" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and not __fish_seen_subcommand_from list create push delete next help" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and not __fish_seen_subcommand_from list create push delete next help" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and not __fish_seen_subcommand_from list create push delete next help" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and not __fish_seen_subcommand_from list create push delete next help" -f -a "list" -d 'List tags, newest version first; with --remote, whether each is on the remote'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and not __fish_seen_subcommand_from list create push delete next help" -f -a "create" -d 'Create a tag (annotated by default)'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and not __fish_seen_subcommand_from list create push delete next help" -f -a "push" -d 'Push tags, creating a missing one at HEAD first'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and not __fish_seen_subcommand_from list create push delete next help" -f -a "delete" -d 'Delete tags locally and, with --remote, on the remote'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and not __fish_seen_subcommand_from list create push delete next help" -f -a "next" -d 'Print the next version after the highest semver tag'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and not __fish_seen_subcommand_from list create push delete next help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from list" -l remote -d 'Also ask this remote which tags it has' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from list" -l pattern -d 'Only tags matching GLOB, e.g. \'v1.*\'' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from list" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from list" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from list" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from create" -s m -l message -d 'Tag message [default: Release <NAME>]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from create" -l ref -d 'What to tag [default: HEAD]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from create" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from create" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from create" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from create" -l lightweight -d 'Create a lightweight tag (a bare ref, no tagger or message)'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from create" -l force -d 'Replace an existing tag of the same name'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from create" -l allow-dirty -d 'Tag even when the working tree has uncommitted changes'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from create" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from push" -l remote -d 'Remote to push to' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from push" -s m -l message -d 'Message for a tag that has to be created [default: Release <NAME>]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from push" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from push" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from push" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from push" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from push" -l all -d 'Push every local tag'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from push" -l force -d 'Overwrite a remote tag that points elsewhere'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from push" -l allow-dirty -d 'Create a missing tag even when the working tree has uncommitted changes'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from push" -l dry-run -d 'Print what would happen and change nothing'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from push" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from push" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from push" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from delete" -l remote -d 'Delete on this remote too' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from delete" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from delete" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from delete" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from delete" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from next" -l pre -d 'Make it a prerelease, e.g. --pre rc gives v1.3.0-rc.1' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from next" -l prefix -d 'Tag prefix' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from next" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from next" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from next" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from next" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from next" -l major -d 'Bump the major version'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from next" -l minor -d 'Bump the minor version'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from next" -l patch -d 'Bump the patch version (the default)'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from next" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from next" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from next" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from next" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from next" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from help" -f -a "list" -d 'List tags, newest version first; with --remote, whether each is on the remote'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a tag (annotated by default)'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from help" -f -a "push" -d 'Push tags, creating a missing one at HEAD first'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete tags locally and, with --remote, on the remote'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from help" -f -a "next" -d 'Print the next version after the highest semver tag'
complete -c tracectl -n "__fish_tracectl_using_subcommand tag; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tracectl -n "__fish_tracectl_using_subcommand doctor" -l env-file -d 'Check the app\'s variables from this file (KEY=value lines, as dotenv and docker compose read them) instead of this shell\'s environment' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand doctor" -l remote -d 'The git remote checked' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand doctor" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand doctor" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand doctor" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand doctor" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand doctor" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand doctor" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand doctor" -l send-test -d 'Post one test item (level debug) to Rollbar, proving the token may write'
complete -c tracectl -n "__fish_tracectl_using_subcommand doctor" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand doctor" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand doctor" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand trace" -s g -l log-group -d 'Log groups to search for the trace\'s lines (repeatable; the variable comma-separated) [env: TRACECTL_LOG_GROUPS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand trace" -l margin -d 'How far before and after the trace\'s spans to look for its log lines' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand trace" -s d -l dataset -d 'Honeycomb dataset to query [env: HONEYCOMB_DATASET]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand trace" -l db -d 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand trace" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand trace" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand trace" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand trace" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand trace" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand trace" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand trace" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand trace" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand trace" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand trace" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand trace" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand ui" -l source -d 'Where the traces come from' -r -f -a "local\t'The local store of `local listen` (live)'
xray\t'X-Ray\'s trace summaries'
spans\t'Every span of aws/spans (Transaction Search), through Logs Insights'"
complete -c tracectl -n "__fish_tracectl_using_subcommand ui" -l since -d 'The window shown first (w changes it)' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand ui" -l refresh -d 'How often the screen is read again [default: 500ms local, 30s X-Ray and aws/spans]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand ui" -l db -d 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand ui" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand ui" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand ui" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand ui" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand ui" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand ui" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand ui" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand ui" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand ui" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand ui" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tracectl -n "__fish_tracectl_using_subcommand ui" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand mcp" -l db -d 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand mcp" -l region -d 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand mcp" -l endpoint-url -d 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand mcp" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand mcp" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand mcp" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand mcp" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand mcp" -l allow-write -d 'Also offer the tools that change things elsewhere: rollbar_trigger and honeycomb_marker (tag pushes and releases are never offered)'
complete -c tracectl -n "__fish_tracectl_using_subcommand mcp" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand mcp" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand mcp" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand mcp" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand mcp" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand release" -s e -l environment -d 'Environment of the Rollbar deploy [env: ROLLBAR_ENVIRONMENT] [default: development]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand release" -l comment -d 'A comment shown with the Rollbar deploy' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand release" -l remote -d 'Remote the tag is pushed to' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand release" -s d -l dataset -d 'Honeycomb dataset to mark [default: __all__, the whole environment] [env: HONEYCOMB_DATASET]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand release" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand release" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand release" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand release" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand release" -l allow-dirty -d 'Create the tag even when the working tree has uncommitted changes'
complete -c tracectl -n "__fish_tracectl_using_subcommand release" -l dry-run -d 'Print every request and change nothing'
complete -c tracectl -n "__fish_tracectl_using_subcommand release" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand release" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand release" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand release" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand release" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -f -a "show" -d 'Print the effective settings and their source (flag, env, file, default); secrets masked'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -f -a "path" -d 'Print the path of the config file'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from show" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from path" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from path" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the effective settings and their source (flag, env, file, default); secrets masked'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the path of the config file'
complete -c tracectl -n "__fish_tracectl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tracectl -n "__fish_tracectl_using_subcommand completions" -s o -l output -d 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]' -r -f -a "table\t''
json\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand completions" -l color -d 'When to use colour; `auto` means only on a terminal and without NO_COLOR' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tracectl -n "__fish_tracectl_using_subcommand completions" -l profile -d 'Profile of the config file to use [env: TRACECTL_PROFILE]' -r
complete -c tracectl -n "__fish_tracectl_using_subcommand completions" -l config -d 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]' -r -F
complete -c tracectl -n "__fish_tracectl_using_subcommand completions" -s q -l quiet -d 'Print data and errors only: no status lines, hints or progress'
complete -c tracectl -n "__fish_tracectl_using_subcommand completions" -s v -l verbose -d 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)'
complete -c tracectl -n "__fish_tracectl_using_subcommand completions" -l utc -d 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)'
complete -c tracectl -n "__fish_tracectl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c tracectl -n "__fish_tracectl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and not __fish_seen_subcommand_from local honeycomb xray logs rollbar tag doctor trace ui mcp release config completions help" -f -a "local" -d 'Collect traces on this machine, no cloud account needed: OTLP and the X-Ray daemon protocol'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and not __fish_seen_subcommand_from local honeycomb xray logs rollbar tag doctor trace ui mcp release config completions help" -f -a "honeycomb" -d 'Run Honeycomb queries; list datasets and columns; check the key; add markers'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and not __fish_seen_subcommand_from local honeycomb xray logs rollbar tag doctor trace ui mcp release config completions help" -f -a "xray" -d 'Summarise AWS X-Ray traces, show one trace as a waterfall, show the service graph'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and not __fish_seen_subcommand_from local honeycomb xray logs rollbar tag doctor trace ui mcp release config completions help" -f -a "logs" -d 'Tail CloudWatch log groups, list groups and streams, run Logs Insights queries'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and not __fish_seen_subcommand_from local honeycomb xray logs rollbar tag doctor trace ui mcp release config completions help" -f -a "rollbar" -d 'Send realistic test errors to Rollbar, read errors back, and record deploys'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and not __fish_seen_subcommand_from local honeycomb xray logs rollbar tag doctor trace ui mcp release config completions help" -f -a "tag" -d 'Manage git release tags: list, create, push, delete, next version'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and not __fish_seen_subcommand_from local honeycomb xray logs rollbar tag doctor trace ui mcp release config completions help" -f -a "doctor" -d 'Check every integration and the app\'s telemetry settings: one row per check'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and not __fish_seen_subcommand_from local honeycomb xray logs rollbar tag doctor trace ui mcp release config completions help" -f -a "trace" -d 'Look a trace id up everywhere: local store, X-Ray, Honeycomb, and its log lines'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and not __fish_seen_subcommand_from local honeycomb xray logs rollbar tag doctor trace ui mcp release config completions help" -f -a "ui" -d 'Explore traces, their spans, log lines and errors in a live terminal UI'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and not __fish_seen_subcommand_from local honeycomb xray logs rollbar tag doctor trace ui mcp release config completions help" -f -a "mcp" -d 'Serve the views as Model Context Protocol tools on stdin/stdout, for coding agents'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and not __fish_seen_subcommand_from local honeycomb xray logs rollbar tag doctor trace ui mcp release config completions help" -f -a "release" -d 'Release a version: push its tag, record a Rollbar deploy, add a Honeycomb marker'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and not __fish_seen_subcommand_from local honeycomb xray logs rollbar tag doctor trace ui mcp release config completions help" -f -a "config" -d 'Show the effective configuration and where each value comes from'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and not __fish_seen_subcommand_from local honeycomb xray logs rollbar tag doctor trace ui mcp release config completions help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and not __fish_seen_subcommand_from local honeycomb xray logs rollbar tag doctor trace ui mcp release config completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from local" -f -a "listen" -d 'Stand in for the X-Ray daemon, an OpenTelemetry collector, CloudWatch Logs and Rollbar: receive spans (OTLP, X-Ray), logs (OTLP, Watchtower) and errors (pyrollbar), store them in SQLite, print each request'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from local" -f -a "traces" -d 'Summarise the stored requests of a window, as `xray traces` does: rates, latency percentiles, routes, slowest traces'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from local" -f -a "trace" -d 'Show stored traces as a waterfall, as `xray trace` does, with their log lines and errors under the spans'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from local" -f -a "logs" -d 'Print the stored log lines, as `logs tail` does; -f follows new ones'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from local" -f -a "errors" -d 'List the stored errors, grouped as Rollbar groups them'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from local" -f -a "error" -d 'Show one stored error: its traceback, request and trace'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from local" -f -a "services" -d 'Show the service graph of the stored spans, as `xray services` does'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from local" -f -a "query" -d 'Run a query over the stored spans with the flags of `honeycomb query`'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from local" -f -a "stats" -d 'Show what the database holds: size, spans and traces by service, log lines, errors, time range'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from local" -f -a "prune" -d 'Delete old spans, log lines and errors now (`local listen --retain` does it while running)'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from honeycomb" -f -a "query" -d 'Run a query: table of results, a chart per calculation, and the query link'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from honeycomb" -f -a "datasets" -d 'List datasets: name, slug, columns, last written'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from honeycomb" -f -a "columns" -d 'List a dataset\'s columns: name, type, last written, description'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from honeycomb" -f -a "auth" -d 'Show what the API key can do: team, environment, key type, permissions'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from honeycomb" -f -a "marker" -d 'Add a marker (a deploy, say) to a dataset\'s graphs'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from xray" -f -a "traces" -d 'Summarise the traces of a window: rates, latency percentiles, routes, slowest traces'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from xray" -f -a "trace" -d 'Show one or more traces as a waterfall of segments and subsegments'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from xray" -f -a "services" -d 'Show the service graph: requests, errors, faults and latency per service'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from logs" -f -a "tail" -d 'Print the events of log groups in time order, and follow new ones with --follow'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from logs" -f -a "groups" -d 'List log groups: name, stored bytes, retention, created'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from logs" -f -a "streams" -d 'List a group\'s streams, most recently written first'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from logs" -f -a "query" -d 'Run a CloudWatch Logs Insights query and print the result rows'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from rollbar" -f -a "trigger" -d 'Send realistic test errors, synchronously, and print each occurrence\'s link'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from rollbar" -f -a "deploy" -d 'Record a deploy'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from rollbar" -f -a "items" -d 'List the project\'s errors, newest activity first (a token of read scope)'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from rollbar" -f -a "item" -d 'Show one error: its latest occurrences, frames, request and trace ids'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from tag" -f -a "list" -d 'List tags, newest version first; with --remote, whether each is on the remote'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from tag" -f -a "create" -d 'Create a tag (annotated by default)'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from tag" -f -a "push" -d 'Push tags, creating a missing one at HEAD first'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from tag" -f -a "delete" -d 'Delete tags locally and, with --remote, on the remote'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from tag" -f -a "next" -d 'Print the next version after the highest semver tag'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the effective settings and their source (flag, env, file, default); secrets masked'
complete -c tracectl -n "__fish_tracectl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the path of the config file'
