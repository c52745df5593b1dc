
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'tracectl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'tracectl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'tracectl' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('local', 'local', [CompletionResultType]::ParameterValue, 'Collect traces on this machine, no cloud account needed: OTLP and the X-Ray daemon protocol')
            [CompletionResult]::new('honeycomb', 'honeycomb', [CompletionResultType]::ParameterValue, 'Run Honeycomb queries; list datasets and columns; check the key; add markers')
            [CompletionResult]::new('xray', 'xray', [CompletionResultType]::ParameterValue, 'Summarise AWS X-Ray traces, show one trace as a waterfall, show the service graph')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Tail CloudWatch log groups, list groups and streams, run Logs Insights queries')
            [CompletionResult]::new('rollbar', 'rollbar', [CompletionResultType]::ParameterValue, 'Send realistic test errors to Rollbar, read errors back, and record deploys')
            [CompletionResult]::new('tag', 'tag', [CompletionResultType]::ParameterValue, 'Manage git release tags: list, create, push, delete, next version')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check every integration and the app''s telemetry settings: one row per check')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Look a trace id up everywhere: local store, X-Ray, Honeycomb, and its log lines')
            [CompletionResult]::new('ui', 'ui', [CompletionResultType]::ParameterValue, 'Explore traces, their spans, log lines and errors in a live terminal UI')
            [CompletionResult]::new('mcp', 'mcp', [CompletionResultType]::ParameterValue, 'Serve the views as Model Context Protocol tools on stdin/stdout, for coding agents')
            [CompletionResult]::new('release', 'release', [CompletionResultType]::ParameterValue, 'Release a version: push its tag, record a Rollbar deploy, add a Honeycomb marker')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the effective configuration and where each value comes from')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tracectl;local' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Stand in for the X-Ray daemon, an OpenTelemetry collector, CloudWatch Logs and Rollbar: receive spans (OTLP, X-Ray), logs (OTLP, Watchtower) and errors (pyrollbar), store them in SQLite, print each request')
            [CompletionResult]::new('traces', 'traces', [CompletionResultType]::ParameterValue, 'Summarise the stored requests of a window, as `xray traces` does: rates, latency percentiles, routes, slowest traces')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Show stored traces as a waterfall, as `xray trace` does, with their log lines and errors under the spans')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print the stored log lines, as `logs tail` does; -f follows new ones')
            [CompletionResult]::new('errors', 'errors', [CompletionResultType]::ParameterValue, 'List the stored errors, grouped as Rollbar groups them')
            [CompletionResult]::new('error', 'error', [CompletionResultType]::ParameterValue, 'Show one stored error: its traceback, request and trace')
            [CompletionResult]::new('services', 'services', [CompletionResultType]::ParameterValue, 'Show the service graph of the stored spans, as `xray services` does')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Run a query over the stored spans with the flags of `honeycomb query`')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Show what the database holds: size, spans and traces by service, log lines, errors, time range')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete old spans, log lines and errors now (`local listen --retain` does it while running)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tracectl;local;listen' {
            [CompletionResult]::new('--otlp-http', '--otlp-http', [CompletionResultType]::ParameterName, 'OTLP over HTTP on ADDR, or `off` [env: TRACECTL_LOCAL_OTLP_HTTP] [default: 127.0.0.1:4318]')
            [CompletionResult]::new('--otlp-grpc', '--otlp-grpc', [CompletionResultType]::ParameterName, 'OTLP over gRPC on ADDR, or `off` [env: TRACECTL_LOCAL_OTLP_GRPC] [default: 127.0.0.1:4317]')
            [CompletionResult]::new('--xray', '--xray', [CompletionResultType]::ParameterName, 'The X-Ray daemon''s address (UDP segments, TCP sampling), or `off` [env: TRACECTL_LOCAL_XRAY] [default: 127.0.0.1:2000]')
            [CompletionResult]::new('--cloudwatch-logs', '--cloudwatch-logs', [CompletionResultType]::ParameterName, 'Stand in for CloudWatch Logs (Watchtower, boto3) on ADDR, or `off`; signatures are not checked [env: TRACECTL_LOCAL_CLOUDWATCH_LOGS] [default: 127.0.0.1:4320]')
            [CompletionResult]::new('--rollbar', '--rollbar', [CompletionResultType]::ParameterName, 'Stand in for Rollbar (pyrollbar''s endpoint http://ADDR/api/1/) on ADDR, or `off` [env: TRACECTL_LOCAL_ROLLBAR] [default: 127.0.0.1:4321]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]')
            [CompletionResult]::new('--retain', '--retain', [CompletionResultType]::ParameterName, 'Delete spans older than this while running [env: TRACECTL_LOCAL_RETAIN] [default: 7d]')
            [CompletionResult]::new('--forward-otlp', '--forward-otlp', [CompletionResultType]::ParameterName, 'Also send OTLP spans to this OTLP/HTTP endpoint (e.g. https://api.honeycomb.io)')
            [CompletionResult]::new('--forward-header', '--forward-header', [CompletionResultType]::ParameterName, 'A header for --forward-otlp, e.g. x-honeycomb-team=KEY (repeatable; values are never shown)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('--no-otlp-http', '--no-otlp-http', [CompletionResultType]::ParameterName, 'Do not receive OTLP over HTTP')
            [CompletionResult]::new('--no-otlp-grpc', '--no-otlp-grpc', [CompletionResultType]::ParameterName, 'Do not receive OTLP over gRPC')
            [CompletionResult]::new('--no-xray', '--no-xray', [CompletionResultType]::ParameterName, 'Do not stand in for the X-Ray daemon')
            [CompletionResult]::new('--forward-xray', '--forward-xray', [CompletionResultType]::ParameterName, 'Also send X-Ray segments to X-Ray (PutTraceSegments, with the AWS settings of `xray`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;local;traces' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Look at the last DUR [default: 1h]')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'Start of the window (a time or a duration ago)')
            [CompletionResult]::new('--end', '--end', [CompletionResultType]::ParameterName, 'End of the window [default: now]')
            [CompletionResult]::new('--slower-than', '--slower-than', [CompletionResultType]::ParameterName, 'Only traces slower than DUR, e.g. 500ms')
            [CompletionResult]::new('--url-contains', '--url-contains', [CompletionResultType]::ParameterName, 'Only traces whose URL contains TEXT')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only traces through the service NAME')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Number of traces listed under the summary (0: all)')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Which traces to list')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('--errors', '--errors', [CompletionResultType]::ParameterName, 'Only traces with errors (4xx)')
            [CompletionResult]::new('--faults', '--faults', [CompletionResultType]::ParameterName, 'Only traces with faults (5xx)')
            [CompletionResult]::new('--throttles', '--throttles', [CompletionResultType]::ParameterName, 'Only throttled traces (429)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;local;trace' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;local;logs' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Start this long ago, or at this time [default: 1h; with --trace, all]')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'Only the lines of this trace (W3C or X-Ray id)')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only lines from this service (OTLP''s service.name)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Only lines sent to this log group (the CloudWatch Logs stand-in)')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Only lines at least this severe: trace, debug, info, warn, error, fatal')
            [CompletionResult]::new('--grep', '--grep', [CompletionResultType]::ParameterName, 'Only lines whose message contains TEXT (case-sensitive)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How each line is printed (json is the same as -o json)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep printing new lines as they are stored, until Ctrl-C')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep printing new lines as they are stored, until Ctrl-C')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;local;errors' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only occurrences since then (a duration ago, or a time) [default: all]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Only this environment')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Only this environment')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Only this level: critical, error, warning, info or debug')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'List at most this many')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'List at most this many')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;local;error' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;local;services' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Look at the last DUR [default: 1h]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;local;query' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Calculation: COUNT, CONCURRENCY or OP(column), e.g. ''P99(duration_ms)'' [default: COUNT]')
            [CompletionResult]::new('--calc', '--calc', [CompletionResultType]::ParameterName, 'Calculation: COUNT, CONCURRENCY or OP(column), e.g. ''P99(duration_ms)'' [default: COUNT]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Break results down by this column (repeatable)')
            [CompletionResult]::new('--breakdown', '--breakdown', [CompletionResultType]::ParameterName, 'Break results down by this column (repeatable)')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Filter ''COLUMN OP VALUE'', e.g. ''http.status_code >= 500'', ''route in /a,/b'', ''error exists''')
            [CompletionResult]::new('--where', '--where', [CompletionResultType]::ParameterName, 'Filter ''COLUMN OP VALUE'', e.g. ''http.status_code >= 500'', ''route in /a,/b'', ''error exists''')
            [CompletionResult]::new('--order', '--order', [CompletionResultType]::ParameterName, 'Order rows, e.g. ''P99(duration_ms) desc'' or ''http.route asc'' (repeatable)')
            [CompletionResult]::new('--having', '--having', [CompletionResultType]::ParameterName, 'Keep only groups matching, e.g. ''COUNT > 10'' (repeatable)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Maximum result rows (at most 1000)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Maximum result rows (at most 1000)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Look at the last DUR [default: 2h]')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'Start of the window (a time or a duration ago)')
            [CompletionResult]::new('--end', '--end', [CompletionResultType]::ParameterName, 'End of the window [default: now]')
            [CompletionResult]::new('--granularity', '--granularity', [CompletionResultType]::ParameterName, 'Time bucket of the series, e.g. 1m')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('--any', '--any', [CompletionResultType]::ParameterName, 'Combine filters with OR instead of AND')
            [CompletionResult]::new('--print-spec', '--print-spec', [CompletionResultType]::ParameterName, 'Print the spec that would be sent, and send nothing')
            [CompletionResult]::new('--no-series', '--no-series', [CompletionResultType]::ParameterName, 'Do not compute or draw the time series')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;local;stats' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;local;prune' {
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Delete spans, log lines and errors from longer ago than this [default: the retention, 7d]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;local;help' {
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Stand in for the X-Ray daemon, an OpenTelemetry collector, CloudWatch Logs and Rollbar: receive spans (OTLP, X-Ray), logs (OTLP, Watchtower) and errors (pyrollbar), store them in SQLite, print each request')
            [CompletionResult]::new('traces', 'traces', [CompletionResultType]::ParameterValue, 'Summarise the stored requests of a window, as `xray traces` does: rates, latency percentiles, routes, slowest traces')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Show stored traces as a waterfall, as `xray trace` does, with their log lines and errors under the spans')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print the stored log lines, as `logs tail` does; -f follows new ones')
            [CompletionResult]::new('errors', 'errors', [CompletionResultType]::ParameterValue, 'List the stored errors, grouped as Rollbar groups them')
            [CompletionResult]::new('error', 'error', [CompletionResultType]::ParameterValue, 'Show one stored error: its traceback, request and trace')
            [CompletionResult]::new('services', 'services', [CompletionResultType]::ParameterValue, 'Show the service graph of the stored spans, as `xray services` does')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Run a query over the stored spans with the flags of `honeycomb query`')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Show what the database holds: size, spans and traces by service, log lines, errors, time range')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete old spans, log lines and errors now (`local listen --retain` does it while running)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tracectl;local;help;listen' {
            break
        }
        'tracectl;local;help;traces' {
            break
        }
        'tracectl;local;help;trace' {
            break
        }
        'tracectl;local;help;logs' {
            break
        }
        'tracectl;local;help;errors' {
            break
        }
        'tracectl;local;help;error' {
            break
        }
        'tracectl;local;help;services' {
            break
        }
        'tracectl;local;help;query' {
            break
        }
        'tracectl;local;help;stats' {
            break
        }
        'tracectl;local;help;prune' {
            break
        }
        'tracectl;local;help;help' {
            break
        }
        'tracectl;honeycomb' {
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'API endpoint, e.g. https://api.eu1.honeycomb.io [env: HONEYCOMB_API_ENDPOINT] [default: https://api.honeycomb.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Run a query: table of results, a chart per calculation, and the query link')
            [CompletionResult]::new('datasets', 'datasets', [CompletionResultType]::ParameterValue, 'List datasets: name, slug, columns, last written')
            [CompletionResult]::new('columns', 'columns', [CompletionResultType]::ParameterValue, 'List a dataset''s columns: name, type, last written, description')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Show what the API key can do: team, environment, key type, permissions')
            [CompletionResult]::new('marker', 'marker', [CompletionResultType]::ParameterValue, 'Add a marker (a deploy, say) to a dataset''s graphs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tracectl;honeycomb;query' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Dataset to query [env: HONEYCOMB_DATASET]')
            [CompletionResult]::new('--dataset', '--dataset', [CompletionResultType]::ParameterName, 'Dataset to query [env: HONEYCOMB_DATASET]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Calculation: COUNT, CONCURRENCY or OP(column), e.g. ''P99(duration_ms)'' [default: COUNT]')
            [CompletionResult]::new('--calc', '--calc', [CompletionResultType]::ParameterName, 'Calculation: COUNT, CONCURRENCY or OP(column), e.g. ''P99(duration_ms)'' [default: COUNT]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Break results down by this column (repeatable)')
            [CompletionResult]::new('--breakdown', '--breakdown', [CompletionResultType]::ParameterName, 'Break results down by this column (repeatable)')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Filter ''COLUMN OP VALUE'', e.g. ''http.status_code >= 500'', ''route in /a,/b'', ''error exists''')
            [CompletionResult]::new('--where', '--where', [CompletionResultType]::ParameterName, 'Filter ''COLUMN OP VALUE'', e.g. ''http.status_code >= 500'', ''route in /a,/b'', ''error exists''')
            [CompletionResult]::new('--order', '--order', [CompletionResultType]::ParameterName, 'Order rows, e.g. ''P99(duration_ms) desc'' or ''http.route asc'' (repeatable)')
            [CompletionResult]::new('--having', '--having', [CompletionResultType]::ParameterName, 'Keep only groups matching, e.g. ''COUNT > 10'' (repeatable)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Maximum result rows (at most 1000)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Maximum result rows (at most 1000)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Look at the last DUR [default: 2h]')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'Start of the window (a time or a duration ago)')
            [CompletionResult]::new('--end', '--end', [CompletionResultType]::ParameterName, 'End of the window [default: now]')
            [CompletionResult]::new('--granularity', '--granularity', [CompletionResultType]::ParameterName, 'Time bucket of the series, e.g. 1m')
            [CompletionResult]::new('--spec', '--spec', [CompletionResultType]::ParameterName, 'Run a raw query-spec JSON file (or - for stdin) instead of flags')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting for the result after this long')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'API endpoint, e.g. https://api.eu1.honeycomb.io [env: HONEYCOMB_API_ENDPOINT] [default: https://api.honeycomb.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('--any', '--any', [CompletionResultType]::ParameterName, 'Combine filters with OR instead of AND')
            [CompletionResult]::new('--print-spec', '--print-spec', [CompletionResultType]::ParameterName, 'Print the spec that would be sent, and send nothing')
            [CompletionResult]::new('--no-series', '--no-series', [CompletionResultType]::ParameterName, 'Do not fetch or draw the time series')
            [CompletionResult]::new('--link', '--link', [CompletionResultType]::ParameterName, 'Create the query and print its link in Honeycomb''s UI, which runs it there, instead of running it here (every plan; honeycomb_results = "link" makes it the default)')
            [CompletionResult]::new('--open', '--open', [CompletionResultType]::ParameterName, 'Open the query''s link (its results, or the query to run) in the browser; the link is printed either way')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;honeycomb;datasets' {
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'API endpoint, e.g. https://api.eu1.honeycomb.io [env: HONEYCOMB_API_ENDPOINT] [default: https://api.honeycomb.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;honeycomb;columns' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Dataset whose columns to list [env: HONEYCOMB_DATASET]')
            [CompletionResult]::new('--dataset', '--dataset', [CompletionResultType]::ParameterName, 'Dataset whose columns to list [env: HONEYCOMB_DATASET]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'API endpoint, e.g. https://api.eu1.honeycomb.io [env: HONEYCOMB_API_ENDPOINT] [default: https://api.honeycomb.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;honeycomb;auth' {
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'API endpoint, e.g. https://api.eu1.honeycomb.io [env: HONEYCOMB_API_ENDPOINT] [default: https://api.honeycomb.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;honeycomb;marker' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Dataset to mark (`__all__` for the whole environment) [env: HONEYCOMB_DATASET]')
            [CompletionResult]::new('--dataset', '--dataset', [CompletionResultType]::ParameterName, 'Dataset to mark (`__all__` for the whole environment) [env: HONEYCOMB_DATASET]')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Marker type, which groups markers by colour')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'A link to show with the marker (a build or a commit)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'API endpoint, e.g. https://api.eu1.honeycomb.io [env: HONEYCOMB_API_ENDPOINT] [default: https://api.honeycomb.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;honeycomb;help' {
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Run a query: table of results, a chart per calculation, and the query link')
            [CompletionResult]::new('datasets', 'datasets', [CompletionResultType]::ParameterValue, 'List datasets: name, slug, columns, last written')
            [CompletionResult]::new('columns', 'columns', [CompletionResultType]::ParameterValue, 'List a dataset''s columns: name, type, last written, description')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Show what the API key can do: team, environment, key type, permissions')
            [CompletionResult]::new('marker', 'marker', [CompletionResultType]::ParameterValue, 'Add a marker (a deploy, say) to a dataset''s graphs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tracectl;honeycomb;help;query' {
            break
        }
        'tracectl;honeycomb;help;datasets' {
            break
        }
        'tracectl;honeycomb;help;columns' {
            break
        }
        'tracectl;honeycomb;help;auth' {
            break
        }
        'tracectl;honeycomb;help;marker' {
            break
        }
        'tracectl;honeycomb;help;help' {
            break
        }
        'tracectl;xray' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Where traces are read: X-Ray''s indexed trace summaries and BatchGetTraces, the spans Transaction Search keeps in CloudWatch Logs (aws/spans), or auto: spans for what X-Ray does not hold when the account sends them there [env: TRACECTL_XRAY_SOURCE] [default: auto]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('traces', 'traces', [CompletionResultType]::ParameterValue, 'Summarise the traces of a window: rates, latency percentiles, routes, slowest traces')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Show one or more traces as a waterfall of segments and subsegments')
            [CompletionResult]::new('services', 'services', [CompletionResultType]::ParameterValue, 'Show the service graph: requests, errors, faults and latency per service')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tracectl;xray;traces' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Look at the last DUR [default: 1h]')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'Start of the window (a time or a duration ago)')
            [CompletionResult]::new('--end', '--end', [CompletionResultType]::ParameterName, 'End of the window [default: now]')
            [CompletionResult]::new('--slower-than', '--slower-than', [CompletionResultType]::ParameterName, 'Only traces slower than DUR, e.g. 500ms')
            [CompletionResult]::new('--url-contains', '--url-contains', [CompletionResultType]::ParameterName, 'Only traces whose URL contains TEXT')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only traces through the service NAME')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Number of traces listed under the summary (0: all)')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Which traces to list')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'An X-Ray filter expression, ANDed with the shorthand flags')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Where traces are read: X-Ray''s indexed trace summaries and BatchGetTraces, the spans Transaction Search keeps in CloudWatch Logs (aws/spans), or auto: spans for what X-Ray does not hold when the account sends them there [env: TRACECTL_XRAY_SOURCE] [default: auto]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('--errors', '--errors', [CompletionResultType]::ParameterName, 'Only traces with errors (4xx)')
            [CompletionResult]::new('--faults', '--faults', [CompletionResultType]::ParameterName, 'Only traces with faults (5xx)')
            [CompletionResult]::new('--throttles', '--throttles', [CompletionResultType]::ParameterName, 'Only throttled traces (429)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;xray;trace' {
            [CompletionResult]::new('--retrieval-timeout', '--retrieval-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a Transaction Search retrieval (traces X-Ray has not indexed)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Where traces are read: X-Ray''s indexed trace summaries and BatchGetTraces, the spans Transaction Search keeps in CloudWatch Logs (aws/spans), or auto: spans for what X-Ray does not hold when the account sends them there [env: TRACECTL_XRAY_SOURCE] [default: auto]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;xray;services' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Look at the last DUR [default: 1h]')
            [CompletionResult]::new('--traces', '--traces', [CompletionResultType]::ParameterName, 'From aws/spans: how many of the window''s newest requests the graph is drawn from')
            [CompletionResult]::new('--retrieval-timeout', '--retrieval-timeout', [CompletionResultType]::ParameterName, 'From aws/spans: how long to wait for the trace retrievals')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Where traces are read: X-Ray''s indexed trace summaries and BatchGetTraces, the spans Transaction Search keeps in CloudWatch Logs (aws/spans), or auto: spans for what X-Ray does not hold when the account sends them there [env: TRACECTL_XRAY_SOURCE] [default: auto]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;xray;help' {
            [CompletionResult]::new('traces', 'traces', [CompletionResultType]::ParameterValue, 'Summarise the traces of a window: rates, latency percentiles, routes, slowest traces')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Show one or more traces as a waterfall of segments and subsegments')
            [CompletionResult]::new('services', 'services', [CompletionResultType]::ParameterValue, 'Show the service graph: requests, errors, faults and latency per service')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tracectl;xray;help;traces' {
            break
        }
        'tracectl;xray;help;trace' {
            break
        }
        'tracectl;xray;help;services' {
            break
        }
        'tracectl;xray;help;help' {
            break
        }
        'tracectl;logs' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Print the events of log groups in time order, and follow new ones with --follow')
            [CompletionResult]::new('groups', 'groups', [CompletionResultType]::ParameterValue, 'List log groups: name, stored bytes, retention, created')
            [CompletionResult]::new('streams', 'streams', [CompletionResultType]::ParameterValue, 'List a group''s streams, most recently written first')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Run a CloudWatch Logs Insights query and print the result rows')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tracectl;logs;tail' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Start this long ago, or at this time')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Stop at this time (a time or a duration ago)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'CloudWatch filter pattern, passed to the service (e.g. ERROR or ''{ $.level = "ERROR" }'')')
            [CompletionResult]::new('--stream-prefix', '--stream-prefix', [CompletionResultType]::ParameterName, 'Only streams whose name starts with PREFIX')
            [CompletionResult]::new('--stream', '--stream', [CompletionResultType]::ParameterName, 'Only these streams (repeatable, at most 100)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How each event is printed (json is the same as -o json)')
            [CompletionResult]::new('--max-events', '--max-events', [CompletionResultType]::ParameterName, 'Stop after this many events')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'With --follow, stop after this long without a new event')
            [CompletionResult]::new('--poll', '--poll', [CompletionResultType]::ParameterName, 'With --follow, how often to poll')
            [CompletionResult]::new('--lag', '--lag', [CompletionResultType]::ParameterName, 'With --follow, how far back each poll re-scans for late events [default: learned from the events'' ingestion delay, at least 2m]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep printing new events until Ctrl-C, --until, --max-events or --idle-timeout')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep printing new events until Ctrl-C, --until, --max-events or --idle-timeout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;logs;groups' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only groups whose name starts with PREFIX')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;logs;streams' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only streams whose name starts with PREFIX')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;logs;query' {
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Log groups to query (repeatable, at most 50)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Log groups to query (repeatable, at most 50)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Query the last DUR, or from this time')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End of the window [default: now]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;logs;help' {
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Print the events of log groups in time order, and follow new ones with --follow')
            [CompletionResult]::new('groups', 'groups', [CompletionResultType]::ParameterValue, 'List log groups: name, stored bytes, retention, created')
            [CompletionResult]::new('streams', 'streams', [CompletionResultType]::ParameterValue, 'List a group''s streams, most recently written first')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Run a CloudWatch Logs Insights query and print the result rows')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tracectl;logs;help;tail' {
            break
        }
        'tracectl;logs;help;groups' {
            break
        }
        'tracectl;logs;help;streams' {
            break
        }
        'tracectl;logs;help;query' {
            break
        }
        'tracectl;logs;help;help' {
            break
        }
        'tracectl;rollbar' {
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'API endpoint [env: ROLLBAR_ENDPOINT] [default: https://api.rollbar.com/api/1/]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Send realistic test errors, synchronously, and print each occurrence''s link')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Record a deploy')
            [CompletionResult]::new('items', 'items', [CompletionResultType]::ParameterValue, 'List the project''s errors, newest activity first (a token of read scope)')
            [CompletionResult]::new('item', 'item', [CompletionResultType]::ParameterValue, 'Show one error: its latest occurrences, frames, request and trace ids')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tracectl;rollbar;trigger' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The error message')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The error message')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Severity')
            [CompletionResult]::new('--exception', '--exception', [CompletionResultType]::ParameterName, 'Exception class of the trace body')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Number of occurrences to send (concurrently)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment [env: ROLLBAR_ENVIRONMENT] [default: development]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment [env: ROLLBAR_ENVIRONMENT] [default: development]')
            [CompletionResult]::new('--code-version', '--code-version', [CompletionResultType]::ParameterName, 'Code version [default: git HEAD when run in a repository]')
            [CompletionResult]::new('--fingerprint', '--fingerprint', [CompletionResultType]::ParameterName, 'Group occurrences under this fingerprint')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'Item title shown in Rollbar')
            [CompletionResult]::new('--custom', '--custom', [CompletionResultType]::ParameterName, 'Extra data in `custom` (repeatable)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long --wait waits')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'API endpoint [env: ROLLBAR_ENDPOINT] [default: https://api.rollbar.com/api/1/]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('--message-only', '--message-only', [CompletionResultType]::ParameterName, 'Send a `message` body instead of an exception trace')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the payload(s) as JSON and send nothing (no token needed)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'After sending, wait until Rollbar has processed each occurrence and print its item (needs ROLLBAR_READ_ACCESS_TOKEN)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;rollbar;deploy' {
            [CompletionResult]::new('--revision', '--revision', [CompletionResultType]::ParameterName, 'Revision deployed [default: git HEAD]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment [env: ROLLBAR_ENVIRONMENT] [default: development]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment [env: ROLLBAR_ENVIRONMENT] [default: development]')
            [CompletionResult]::new('--comment', '--comment', [CompletionResultType]::ParameterName, 'A comment shown with the deploy')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Deploy status')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Local user who deployed [default: $USER]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'API endpoint [env: ROLLBAR_ENDPOINT] [default: https://api.rollbar.com/api/1/]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;rollbar;items' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only items with an occurrence since then (a duration ago, or a time)')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Only this level: critical, error, warning, info or debug')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Only this environment')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Only this environment')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Which items by status')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'List at most this many')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'List at most this many')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'API endpoint [env: ROLLBAR_ENDPOINT] [default: https://api.rollbar.com/api/1/]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;rollbar;item' {
            [CompletionResult]::new('--occurrences', '--occurrences', [CompletionResultType]::ParameterName, 'How many of the latest occurrences to show (at most 20)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'API endpoint [env: ROLLBAR_ENDPOINT] [default: https://api.rollbar.com/api/1/]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;rollbar;help' {
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Send realistic test errors, synchronously, and print each occurrence''s link')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Record a deploy')
            [CompletionResult]::new('items', 'items', [CompletionResultType]::ParameterValue, 'List the project''s errors, newest activity first (a token of read scope)')
            [CompletionResult]::new('item', 'item', [CompletionResultType]::ParameterValue, 'Show one error: its latest occurrences, frames, request and trace ids')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tracectl;rollbar;help;trigger' {
            break
        }
        'tracectl;rollbar;help;deploy' {
            break
        }
        'tracectl;rollbar;help;items' {
            break
        }
        'tracectl;rollbar;help;item' {
            break
        }
        'tracectl;rollbar;help;help' {
            break
        }
        'tracectl;tag' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tags, newest version first; with --remote, whether each is on the remote')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a tag (annotated by default)')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Push tags, creating a missing one at HEAD first')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete tags locally and, with --remote, on the remote')
            [CompletionResult]::new('next', 'next', [CompletionResultType]::ParameterValue, 'Print the next version after the highest semver tag')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tracectl;tag;list' {
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Also ask this remote which tags it has')
            [CompletionResult]::new('--pattern', '--pattern', [CompletionResultType]::ParameterName, 'Only tags matching GLOB, e.g. ''v1.*''')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;tag;create' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Tag message [default: Release <NAME>]')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Tag message [default: Release <NAME>]')
            [CompletionResult]::new('--ref', '--ref', [CompletionResultType]::ParameterName, 'What to tag [default: HEAD]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('--lightweight', '--lightweight', [CompletionResultType]::ParameterName, 'Create a lightweight tag (a bare ref, no tagger or message)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing tag of the same name')
            [CompletionResult]::new('--allow-dirty', '--allow-dirty', [CompletionResultType]::ParameterName, 'Tag even when the working tree has uncommitted changes')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;tag;push' {
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Remote to push to')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Message for a tag that has to be created [default: Release <NAME>]')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Message for a tag that has to be created [default: Release <NAME>]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Push every local tag')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite a remote tag that points elsewhere')
            [CompletionResult]::new('--allow-dirty', '--allow-dirty', [CompletionResultType]::ParameterName, 'Create a missing tag even when the working tree has uncommitted changes')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would happen and change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;tag;delete' {
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Delete on this remote too')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;tag;next' {
            [CompletionResult]::new('--pre', '--pre', [CompletionResultType]::ParameterName, 'Make it a prerelease, e.g. --pre rc gives v1.3.0-rc.1')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Tag prefix')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('--major', '--major', [CompletionResultType]::ParameterName, 'Bump the major version')
            [CompletionResult]::new('--minor', '--minor', [CompletionResultType]::ParameterName, 'Bump the minor version')
            [CompletionResult]::new('--patch', '--patch', [CompletionResultType]::ParameterName, 'Bump the patch version (the default)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;tag;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tags, newest version first; with --remote, whether each is on the remote')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a tag (annotated by default)')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Push tags, creating a missing one at HEAD first')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete tags locally and, with --remote, on the remote')
            [CompletionResult]::new('next', 'next', [CompletionResultType]::ParameterValue, 'Print the next version after the highest semver tag')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tracectl;tag;help;list' {
            break
        }
        'tracectl;tag;help;create' {
            break
        }
        'tracectl;tag;help;push' {
            break
        }
        'tracectl;tag;help;delete' {
            break
        }
        'tracectl;tag;help;next' {
            break
        }
        'tracectl;tag;help;help' {
            break
        }
        'tracectl;doctor' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Check the app''s variables from this file (KEY=value lines, as dotenv and docker compose read them) instead of this shell''s environment')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote checked')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('--send-test', '--send-test', [CompletionResultType]::ParameterName, 'Post one test item (level debug) to Rollbar, proving the token may write')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;trace' {
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Log groups to search for the trace''s lines (repeatable; the variable comma-separated) [env: TRACECTL_LOG_GROUPS]')
            [CompletionResult]::new('--log-group', '--log-group', [CompletionResultType]::ParameterName, 'Log groups to search for the trace''s lines (repeatable; the variable comma-separated) [env: TRACECTL_LOG_GROUPS]')
            [CompletionResult]::new('--margin', '--margin', [CompletionResultType]::ParameterName, 'How far before and after the trace''s spans to look for its log lines')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Honeycomb dataset to query [env: HONEYCOMB_DATASET]')
            [CompletionResult]::new('--dataset', '--dataset', [CompletionResultType]::ParameterName, 'Honeycomb dataset to query [env: HONEYCOMB_DATASET]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;ui' {
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Where the traces come from')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'The window shown first (w changes it)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'How often the screen is read again [default: 500ms local, 30s X-Ray and aws/spans]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;mcp' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [env: AWS_REGION, AWS_DEFAULT_REGION]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('--allow-write', '--allow-write', [CompletionResultType]::ParameterName, 'Also offer the tools that change things elsewhere: rollbar_trigger and honeycomb_marker (tag pushes and releases are never offered)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;release' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment of the Rollbar deploy [env: ROLLBAR_ENVIRONMENT] [default: development]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment of the Rollbar deploy [env: ROLLBAR_ENVIRONMENT] [default: development]')
            [CompletionResult]::new('--comment', '--comment', [CompletionResultType]::ParameterName, 'A comment shown with the Rollbar deploy')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Remote the tag is pushed to')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Honeycomb dataset to mark [default: __all__, the whole environment] [env: HONEYCOMB_DATASET]')
            [CompletionResult]::new('--dataset', '--dataset', [CompletionResultType]::ParameterName, 'Honeycomb dataset to mark [default: __all__, the whole environment] [env: HONEYCOMB_DATASET]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('--allow-dirty', '--allow-dirty', [CompletionResultType]::ParameterName, 'Create the tag even when the working tree has uncommitted changes')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print every request and change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;config' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective settings and their source (flag, env, file, default); secrets masked')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the config file')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tracectl;config;show' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;config;path' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective settings and their source (flag, env, file, default); secrets masked')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the config file')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tracectl;config;help;show' {
            break
        }
        'tracectl;config;help;path' {
            break
        }
        'tracectl;config;help;help' {
            break
        }
        'tracectl;completions' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: `table` for people, `json` for scripts (streams write NDJSON) [env: TRACECTL_OUTPUT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour; `auto` means only on a terminal and without NO_COLOR')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: TRACECTL_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml] [env: TRACECTL_CONFIG]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print data and errors only: no status lines, hints or progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Print times in UTC instead of local time (JSON is always RFC 3339 UTC)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tracectl;help' {
            [CompletionResult]::new('local', 'local', [CompletionResultType]::ParameterValue, 'Collect traces on this machine, no cloud account needed: OTLP and the X-Ray daemon protocol')
            [CompletionResult]::new('honeycomb', 'honeycomb', [CompletionResultType]::ParameterValue, 'Run Honeycomb queries; list datasets and columns; check the key; add markers')
            [CompletionResult]::new('xray', 'xray', [CompletionResultType]::ParameterValue, 'Summarise AWS X-Ray traces, show one trace as a waterfall, show the service graph')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Tail CloudWatch log groups, list groups and streams, run Logs Insights queries')
            [CompletionResult]::new('rollbar', 'rollbar', [CompletionResultType]::ParameterValue, 'Send realistic test errors to Rollbar, read errors back, and record deploys')
            [CompletionResult]::new('tag', 'tag', [CompletionResultType]::ParameterValue, 'Manage git release tags: list, create, push, delete, next version')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check every integration and the app''s telemetry settings: one row per check')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Look a trace id up everywhere: local store, X-Ray, Honeycomb, and its log lines')
            [CompletionResult]::new('ui', 'ui', [CompletionResultType]::ParameterValue, 'Explore traces, their spans, log lines and errors in a live terminal UI')
            [CompletionResult]::new('mcp', 'mcp', [CompletionResultType]::ParameterValue, 'Serve the views as Model Context Protocol tools on stdin/stdout, for coding agents')
            [CompletionResult]::new('release', 'release', [CompletionResultType]::ParameterValue, 'Release a version: push its tag, record a Rollbar deploy, add a Honeycomb marker')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the effective configuration and where each value comes from')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tracectl;help;local' {
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Stand in for the X-Ray daemon, an OpenTelemetry collector, CloudWatch Logs and Rollbar: receive spans (OTLP, X-Ray), logs (OTLP, Watchtower) and errors (pyrollbar), store them in SQLite, print each request')
            [CompletionResult]::new('traces', 'traces', [CompletionResultType]::ParameterValue, 'Summarise the stored requests of a window, as `xray traces` does: rates, latency percentiles, routes, slowest traces')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Show stored traces as a waterfall, as `xray trace` does, with their log lines and errors under the spans')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print the stored log lines, as `logs tail` does; -f follows new ones')
            [CompletionResult]::new('errors', 'errors', [CompletionResultType]::ParameterValue, 'List the stored errors, grouped as Rollbar groups them')
            [CompletionResult]::new('error', 'error', [CompletionResultType]::ParameterValue, 'Show one stored error: its traceback, request and trace')
            [CompletionResult]::new('services', 'services', [CompletionResultType]::ParameterValue, 'Show the service graph of the stored spans, as `xray services` does')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Run a query over the stored spans with the flags of `honeycomb query`')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Show what the database holds: size, spans and traces by service, log lines, errors, time range')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete old spans, log lines and errors now (`local listen --retain` does it while running)')
            break
        }
        'tracectl;help;local;listen' {
            break
        }
        'tracectl;help;local;traces' {
            break
        }
        'tracectl;help;local;trace' {
            break
        }
        'tracectl;help;local;logs' {
            break
        }
        'tracectl;help;local;errors' {
            break
        }
        'tracectl;help;local;error' {
            break
        }
        'tracectl;help;local;services' {
            break
        }
        'tracectl;help;local;query' {
            break
        }
        'tracectl;help;local;stats' {
            break
        }
        'tracectl;help;local;prune' {
            break
        }
        'tracectl;help;honeycomb' {
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Run a query: table of results, a chart per calculation, and the query link')
            [CompletionResult]::new('datasets', 'datasets', [CompletionResultType]::ParameterValue, 'List datasets: name, slug, columns, last written')
            [CompletionResult]::new('columns', 'columns', [CompletionResultType]::ParameterValue, 'List a dataset''s columns: name, type, last written, description')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Show what the API key can do: team, environment, key type, permissions')
            [CompletionResult]::new('marker', 'marker', [CompletionResultType]::ParameterValue, 'Add a marker (a deploy, say) to a dataset''s graphs')
            break
        }
        'tracectl;help;honeycomb;query' {
            break
        }
        'tracectl;help;honeycomb;datasets' {
            break
        }
        'tracectl;help;honeycomb;columns' {
            break
        }
        'tracectl;help;honeycomb;auth' {
            break
        }
        'tracectl;help;honeycomb;marker' {
            break
        }
        'tracectl;help;xray' {
            [CompletionResult]::new('traces', 'traces', [CompletionResultType]::ParameterValue, 'Summarise the traces of a window: rates, latency percentiles, routes, slowest traces')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Show one or more traces as a waterfall of segments and subsegments')
            [CompletionResult]::new('services', 'services', [CompletionResultType]::ParameterValue, 'Show the service graph: requests, errors, faults and latency per service')
            break
        }
        'tracectl;help;xray;traces' {
            break
        }
        'tracectl;help;xray;trace' {
            break
        }
        'tracectl;help;xray;services' {
            break
        }
        'tracectl;help;logs' {
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Print the events of log groups in time order, and follow new ones with --follow')
            [CompletionResult]::new('groups', 'groups', [CompletionResultType]::ParameterValue, 'List log groups: name, stored bytes, retention, created')
            [CompletionResult]::new('streams', 'streams', [CompletionResultType]::ParameterValue, 'List a group''s streams, most recently written first')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Run a CloudWatch Logs Insights query and print the result rows')
            break
        }
        'tracectl;help;logs;tail' {
            break
        }
        'tracectl;help;logs;groups' {
            break
        }
        'tracectl;help;logs;streams' {
            break
        }
        'tracectl;help;logs;query' {
            break
        }
        'tracectl;help;rollbar' {
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Send realistic test errors, synchronously, and print each occurrence''s link')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Record a deploy')
            [CompletionResult]::new('items', 'items', [CompletionResultType]::ParameterValue, 'List the project''s errors, newest activity first (a token of read scope)')
            [CompletionResult]::new('item', 'item', [CompletionResultType]::ParameterValue, 'Show one error: its latest occurrences, frames, request and trace ids')
            break
        }
        'tracectl;help;rollbar;trigger' {
            break
        }
        'tracectl;help;rollbar;deploy' {
            break
        }
        'tracectl;help;rollbar;items' {
            break
        }
        'tracectl;help;rollbar;item' {
            break
        }
        'tracectl;help;tag' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tags, newest version first; with --remote, whether each is on the remote')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a tag (annotated by default)')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Push tags, creating a missing one at HEAD first')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete tags locally and, with --remote, on the remote')
            [CompletionResult]::new('next', 'next', [CompletionResultType]::ParameterValue, 'Print the next version after the highest semver tag')
            break
        }
        'tracectl;help;tag;list' {
            break
        }
        'tracectl;help;tag;create' {
            break
        }
        'tracectl;help;tag;push' {
            break
        }
        'tracectl;help;tag;delete' {
            break
        }
        'tracectl;help;tag;next' {
            break
        }
        'tracectl;help;doctor' {
            break
        }
        'tracectl;help;trace' {
            break
        }
        'tracectl;help;ui' {
            break
        }
        'tracectl;help;mcp' {
            break
        }
        'tracectl;help;release' {
            break
        }
        'tracectl;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective settings and their source (flag, env, file, default); secrets masked')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the config file')
            break
        }
        'tracectl;help;config;show' {
            break
        }
        'tracectl;help;config;path' {
            break
        }
        'tracectl;help;completions' {
            break
        }
        'tracectl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
